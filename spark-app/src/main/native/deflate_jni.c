/*
 * JNI binding of libdeflate's whole-buffer zlib decompressor for org.arcoforge.codec.Libdeflate.
 * Source chunks of NetCDF-4/HDF5 files are small whole zlib streams, which libdeflate inflates
 * faster than zlib (java.util.zip); bench/run.sh --reads measures it.
 */
#include <jni.h>
#include <libdeflate.h>

/*
 * Inflates in[inOff, inOff + inLen) into out[outOff, outOff + outLen). Returns the number of bytes
 * the stream held (a short stream is not an error here), or -1 for corrupt data (including a wrong
 * Adler-32), -3 when the stream holds more than outLen bytes, -4 when memory runs out.
 */
JNIEXPORT jint JNICALL Java_org_arcoforge_codec_Libdeflate_zlibDecompress(JNIEnv *env, jclass cls, jbyteArray in,
        jint inOff, jint inLen, jbyteArray out, jint outOff, jint outLen) {
    (void) cls;
    struct libdeflate_decompressor *d = libdeflate_alloc_decompressor();
    if (d == NULL) {
        return -4;
    }
    size_t actual = 0;
    jbyte *src = (*env)->GetPrimitiveArrayCritical(env, in, NULL);
    jbyte *dst = (*env)->GetPrimitiveArrayCritical(env, out, NULL);
    enum libdeflate_result r = LIBDEFLATE_BAD_DATA;
    if (src != NULL && dst != NULL) {
        r = libdeflate_zlib_decompress(d, src + inOff, (size_t) inLen, dst + outOff, (size_t) outLen, &actual);
    }
    if (dst != NULL) {
        (*env)->ReleasePrimitiveArrayCritical(env, out, dst, 0);
    }
    if (src != NULL) {
        (*env)->ReleasePrimitiveArrayCritical(env, in, src, JNI_ABORT);
    }
    libdeflate_free_decompressor(d);
    if (src == NULL || dst == NULL) {
        return -4;
    }
    switch (r) {
        case LIBDEFLATE_SUCCESS:
            return (jint) actual;
        case LIBDEFLATE_INSUFFICIENT_SPACE:
            return -3;
        default:
            return -1;
    }
}
