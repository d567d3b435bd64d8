// SHA-256 as lowercase hex: the content address of a stored package version or evidence file,
// and what the store keeps of a session or API token. OpenSSL's libcrypto (Debian's
// libssl-dev) computes it with the CPU's SHA instructions where there are any: a save hashes
// its whole package JSON, and libsodium's portable SHA-256 took about 4 % of a save's CPU time
// (docs/performance.md).
#pragma once

#include <string>
#include <string_view>

namespace jixiao {

// The lowercase hex SHA-256 of `data` (64 characters).
// Example: Sha256Hex("abc") ==
//   "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad".
std::string Sha256Hex(std::string_view data);

}  // namespace jixiao
