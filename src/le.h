/*
 * Little-endian integers in a byte buffer, as the .evtx format stores them.
 * The caller has checked that the bytes are there.
 */
#ifndef SSLSIFT_LE_H
#define SSLSIFT_LE_H

#include <stdint.h>

static inline uint32_t
le16(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static inline uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static inline uint64_t
le64(const unsigned char *p)
{
	return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

#endif /* SSLSIFT_LE_H */
