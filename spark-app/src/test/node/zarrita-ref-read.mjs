// Reads every array of a kerchunk JSON reference store (targets over HTTP) with zarrita's
// ReferenceStore, through the consolidated metadata inside the references, and prints per array:
// dtype, shape, element count and the SHA-256 of its values as little-endian bytes in C order.
// Usage: node zarrita-ref-read.mjs REFS.json
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import ReferenceStore from "@zarrita/storage/ref";
import * as zarr from "zarrita";

const spec = JSON.parse(readFileSync(process.argv[2], "utf8"));
const refs = await ReferenceStore.fromSpec(spec);
const store = await zarr.withConsolidatedMetadata(refs, { format: "v2" });
const out = {};
for (const { path: p, kind } of store.contents()) {
  if (kind !== "array") continue;
  const arr = await zarr.open(zarr.root(store).resolve(p), { kind: "array" });
  const got = arr.shape.length === 0 ? await arr.getChunk([]) : await zarr.get(arr);
  const data = got.data;
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  out[p.replace(/^\//, "")] = {
    dtype: arr.dtype,
    shape: arr.shape,
    n: data.length,
    sha256: createHash("sha256").update(bytes).digest("hex"),
  };
}
console.log(JSON.stringify(out));
