/* The physical limit of `ofl lacp decode` on a classic pcap file: read it with large reads into one
 * reused buffer and walk the record headers, counting the frames and the untagged slow-protocol
 * frames (EtherType 0x8809 at offset 12). No decoding, no output beyond the two counts.
 * Compiled by `npm run bench` (src/bench/workload-table.ts) with `cc -O2` when a C compiler is there.
 *   pcap_walk FILE */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CHUNK (1u << 20)

static uint32_t rd32(const unsigned char *p, int le) {
  return le ? (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24
            : (uint32_t)p[3] | (uint32_t)p[2] << 8 | (uint32_t)p[1] << 16 | (uint32_t)p[0] << 24;
}

int main(int argc, char **argv) {
  if (argc != 2) { fprintf(stderr, "usage: pcap_walk FILE\n"); return 2; }
  int fd = open(argv[1], O_RDONLY);
  if (fd < 0) { perror(argv[1]); return 1; }
  /* 16 MiB + CHUNK: room for the largest record (PCAP_HARD_MAX_CAPLEN in src/capture/pcap.ts) */
  size_t cap = (16u << 20) + CHUNK;
  unsigned char *buf = malloc(cap);
  if (!buf) return 1;
  size_t have = 0, pos = 0;
  unsigned long long frames = 0, slow = 0;
  int le = -1;
  for (;;) {
    if (have - pos < CHUNK) {
      memmove(buf, buf + pos, have - pos);
      have -= pos;
      pos = 0;
      ssize_t n = read(fd, buf + have, cap - have);
      if (n < 0) { perror("read"); return 1; }
      if (n == 0 && have - pos < 16) break;
      have += (size_t)n;
      if (le < 0) {
        if (have < 24) { fprintf(stderr, "short file\n"); return 1; }
        uint32_t m = rd32(buf, 1);
        if (m == 0xa1b2c3d4u || m == 0xa1b23c4du) le = 1;
        else if (rd32(buf, 0) == 0xa1b2c3d4u || rd32(buf, 0) == 0xa1b23c4du) le = 0;
        else { fprintf(stderr, "not a classic pcap\n"); return 1; }
        pos = 24;
      }
      if (n == 0) break;
    }
    while (have - pos >= 16) {
      uint32_t caplen = rd32(buf + pos + 8, le);
      if (caplen > (16u << 20)) { fprintf(stderr, "bad caplen\n"); return 1; }
      if (have - pos - 16 < caplen) break;
      const unsigned char *f = buf + pos + 16;
      frames++;
      if (caplen >= 14 && f[12] == 0x88 && f[13] == 0x09) slow++;
      pos += 16 + caplen;
    }
  }
  printf("%llu frames, %llu slow-protocol\n", frames, slow);
  return 0;
}
