// The server's secrets: argon2id password hashes (libargon2), random session and API tokens,
// the SHA-256 under which a token is stored (so that a copy of the database holds no usable
// token), a comparison of secrets that takes the same time wherever they differ, and the
// readable passwords printed once for the demo accounts at first start.
//
// Randomness is libsodium's (randombytes_buf: the system's CSPRNG); sodium_init() runs once,
// on the first call of any function here, and a failure to initialise it aborts the process
// (there is no safe way to go on without a random source).
//
// Every function is safe to call from any thread at any time. HashPassword and VerifyPassword
// take about 20 MiB of memory and some tens of milliseconds each: call them from a request's
// thread, not from a loop.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/sha256.h"  // Sha256Hex, which TokenHash is
#include "base/status.h"

namespace jixiao::server {

// The argon2id cost parameters of new hashes: OWASP's minimum for argon2id (19 MiB, 2 passes,
// one lane). Existing hashes keep the parameters they were made with (they are in the encoding).
inline constexpr uint32_t kArgon2Passes = 2;
inline constexpr uint32_t kArgon2MemoryKiB = 19456;
inline constexpr uint32_t kArgon2Lanes = 1;

// The longest password HashPassword accepts (bytes); longer ones are refused rather than
// silently truncated.
inline constexpr size_t kMaxPasswordBytes = 4096;

// The argon2id hash of `password` with a fresh random 16-byte salt, in the PHC encoding:
// "$argon2id$v=19$m=19456,t=2,p=1$<salt, base64>$<32-byte hash, base64>". Two calls with the
// same password give different strings (the salt differs); VerifyPassword accepts both.
// InvalidArgument "密码不能为空 / the password must not be empty" for an empty password,
// InvalidArgument for one longer than kMaxPasswordBytes, Unavailable when the 19 MiB cannot be
// allocated.
// Example: HashPassword("correct horse")->rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0) == 0.
Result<std::string> HashPassword(std::string_view password);

// Whether `password` is the one `encoded` (a HashPassword result, possibly from an older
// version with other parameters) was made from. False — never a crash — for a wrong password
// and for an `encoded` that is not an argon2id hash: empty, truncated, another algorithm,
// a NUL byte, or costs beyond what this server would ever have used (more than 1 GiB of
// memory, 64 passes or 16 lanes; so that a tampered row cannot make a login allocate 4 GiB).
bool VerifyPassword(std::string_view password, const std::string& encoded);

// A new secret token: 32 random bytes (256 bits) in base64url without padding, 43 characters
// from [A-Za-z0-9_-]. For session cookies and API tokens; store only its TokenHash.
std::string RandomToken();

// What the store keeps of a token: Sha256Hex(token). A token has 256 bits of entropy, so a
// fast unsalted hash is enough (unlike a password).
std::string TokenHash(std::string_view token);

// Whether `a` and `b` are the same bytes, in a time that depends only on their lengths (not on
// where they first differ). Two strings of different lengths are unequal at once.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// A new password that a person can read aloud and type: 4 groups of 4 characters joined by
// '-' ("k7qm-3vfe-x9tw-pa2h"), each character uniformly one of 32 (the digits 2–9 and the
// lowercase letters without l and o, so nothing is mistaken for 0, O, 1, l or I): 80 bits.
// For the demo accounts, printed once at first start.
std::string GeneratePassword();

}  // namespace jixiao::server
