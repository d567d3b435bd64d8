// Password hashes over libargon2, tokens and digests over libsodium.
#include "server/auth.h"

#include <argon2.h>
#include <sodium.h>

#include <array>
#include <cstdlib>
#include <mutex>

namespace jixiao::server {

namespace {

constexpr size_t kSaltBytes = 16;
constexpr size_t kHashBytes = 32;
constexpr size_t kTokenBytes = 32;

// The largest costs VerifyPassword lets an encoding ask for.
constexpr uint64_t kMaxVerifyMemoryKiB = uint64_t{1} << 20;  // 1 GiB
constexpr uint64_t kMaxVerifyPasses = 64;
constexpr uint64_t kMaxVerifyLanes = 16;

void EnsureSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) std::abort();  // no random source: nothing here can be made safely
  });
}

// Reads "<key>=<decimal>" at text[*pos] and advances past it. False when it is not there or
// has more than 10 digits.
bool ReadParameter(std::string_view text, size_t* pos, char key, uint64_t* value) {
  if (*pos + 2 > text.size() || text[*pos] != key || text[*pos + 1] != '=') return false;
  size_t i = *pos + 2;
  const size_t start = i;
  uint64_t v = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9' && i - start < 10) {
    v = v * 10 + static_cast<uint64_t>(text[i] - '0');
    ++i;
  }
  if (i == start || (i < text.size() && text[i] >= '0' && text[i] <= '9')) return false;
  *value = v;
  *pos = i;
  return true;
}

// Whether `encoded` looks like "$argon2id$[v=<n>$]m=<m>,t=<t>,p=<p>$..." with costs this
// server could have used. libargon2 checks the rest (salt, hash, lengths) when it decodes.
bool PlausibleEncoding(std::string_view encoded) {
  constexpr std::string_view kPrefix = "$argon2id$";
  if (encoded.rfind(kPrefix, 0) != 0) return false;
  if (encoded.find('\0') != std::string_view::npos) return false;
  size_t pos = kPrefix.size();
  uint64_t version = 0;
  if (ReadParameter(encoded, &pos, 'v', &version)) {
    if (pos >= encoded.size() || encoded[pos] != '$') return false;
    ++pos;
  }
  uint64_t m = 0, t = 0, p = 0;
  if (!ReadParameter(encoded, &pos, 'm', &m)) return false;
  if (pos >= encoded.size() || encoded[pos++] != ',') return false;
  if (!ReadParameter(encoded, &pos, 't', &t)) return false;
  if (pos >= encoded.size() || encoded[pos++] != ',') return false;
  if (!ReadParameter(encoded, &pos, 'p', &p)) return false;
  return m <= kMaxVerifyMemoryKiB && t <= kMaxVerifyPasses && p >= 1 && p <= kMaxVerifyLanes;
}

}  // namespace

Result<std::string> HashPassword(std::string_view password) {
  EnsureSodium();
  if (password.empty()) {
    return Status::InvalidArgument("密码不能为空 / the password must not be empty");
  }
  if (password.size() > kMaxPasswordBytes) {
    return Status::InvalidArgument("密码超过 " + std::to_string(kMaxPasswordBytes) +
                                   " 字节 / the password is longer than " +
                                   std::to_string(kMaxPasswordBytes) + " bytes");
  }
  std::array<unsigned char, kSaltBytes> salt;
  randombytes_buf(salt.data(), salt.size());
  std::string encoded(argon2_encodedlen(kArgon2Passes, kArgon2MemoryKiB, kArgon2Lanes, kSaltBytes,
                                        kHashBytes, Argon2_id),
                      '\0');
  const int rc = argon2id_hash_encoded(kArgon2Passes, kArgon2MemoryKiB, kArgon2Lanes,
                                       password.data(), password.size(), salt.data(), salt.size(),
                                       kHashBytes, encoded.data(), encoded.size());
  sodium_memzero(salt.data(), salt.size());
  if (rc != ARGON2_OK) {
    const std::string why = argon2_error_message(rc);
    if (rc == ARGON2_MEMORY_ALLOCATION_ERROR) {
      return Status::Unavailable("无法计算密码散列：内存不足 / cannot hash the password: " + why);
    }
    return Status::InvalidArgument("无法计算密码散列 / cannot hash the password: " + why);
  }
  encoded.resize(encoded.find('\0'));  // argon2_encodedlen counts the terminator
  return encoded;
}

bool VerifyPassword(std::string_view password, const std::string& encoded) {
  if (!PlausibleEncoding(encoded)) return false;
  return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

std::string RandomToken() {
  EnsureSodium();
  std::array<unsigned char, kTokenBytes> bytes;
  randombytes_buf(bytes.data(), bytes.size());
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string text(sodium_base64_ENCODED_LEN(kTokenBytes, kVariant), '\0');
  sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(), kVariant);
  sodium_memzero(bytes.data(), bytes.size());
  text.resize(text.find('\0'));  // the length counts the terminator
  return text;
}

std::string TokenHash(std::string_view token) { return Sha256Hex(token); }

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  EnsureSodium();
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string GeneratePassword() {
  EnsureSodium();
  // 32 characters, so that each is exactly 5 bits: 16 of them are 80.
  static constexpr std::string_view kAlphabet = "23456789abcdefghijkmnpqrstuvwxyz";
  static_assert(kAlphabet.size() == 32);
  std::string password;
  for (int group = 0; group < 4; ++group) {
    if (group > 0) password += '-';
    for (int i = 0; i < 4; ++i) {
      password += kAlphabet[randombytes_uniform(static_cast<uint32_t>(kAlphabet.size()))];
    }
  }
  return password;
}

}  // namespace jixiao::server
