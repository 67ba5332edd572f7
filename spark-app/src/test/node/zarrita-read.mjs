// Reads every array of a Zarr store (v2 or v3, sharded or not), or of a kerchunk JSON reference
// store (REFS.json, read with zarrita's ReferenceStore), with zarrita, an independent reader, through
// the consolidated metadata, and prints per array: dtype, shape, element count and the SHA-256 of its
// values as little-endian bytes in C order. Usage: node zarrita-read.mjs STORE|REFS.json
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import FileSystemStore from "@zarrita/storage/fs";
import ReferenceStore from "@zarrita/storage/ref";
import * as zarr from "zarrita";

const path = process.argv[2];
const store = path.endsWith(".json")
  ? await zarr.withConsolidatedMetadata(await ReferenceStore.fromSpec(JSON.parse(readFileSync(path, "utf8"))),
      { format: "v2" })
  : await zarr.withConsolidatedMetadata(new FileSystemStore(path), { format: ["v3", "v2"] });
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
