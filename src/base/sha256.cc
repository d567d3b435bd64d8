// SHA-256 through OpenSSL's EVP interface (sha256.h).
#include "base/sha256.h"

#include <openssl/evp.h>

#include <cstdlib>

namespace jixiao {

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  // EVP_Digest fails only when OpenSSL cannot allocate or has no SHA-256 at all.
  if (EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr) != 1 ||
      length != 32) {
    std::abort();
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex(64, '\0');
  for (unsigned int i = 0; i < 32; ++i) {
    hex[2 * i] = kHex[digest[i] >> 4];
    hex[2 * i + 1] = kHex[digest[i] & 0xf];
  }
  return hex;
}

}  // namespace jixiao
