// Tests of the server's password hashes, tokens and digests.
#include "server/auth.h"

#include <argon2.h>
#include <gtest/gtest.h>

#include <set>
#include <string>

namespace jixiao::server {
namespace {

TEST(Auth, HashVerifiesItsPasswordOnly) {
  const Result<std::string> hash = HashPassword("correct horse 电池");
  ASSERT_TRUE(hash.ok()) << hash.status().ToString();
  EXPECT_EQ(hash->rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u) << *hash;
  EXPECT_TRUE(VerifyPassword("correct horse 电池", *hash));
  EXPECT_FALSE(VerifyPassword("correct horse 电", *hash));
  EXPECT_FALSE(VerifyPassword("Correct horse 电池", *hash));
  EXPECT_FALSE(VerifyPassword("", *hash));
}

TEST(Auth, SamePasswordHashesDifferently) {
  const Result<std::string> a = HashPassword("pw-12345");
  const Result<std::string> b = HashPassword("pw-12345");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b);  // fresh salt each time
  EXPECT_TRUE(VerifyPassword("pw-12345", *a));
  EXPECT_TRUE(VerifyPassword("pw-12345", *b));
}

TEST(Auth, PasswordWithNulBytesIsHashedWhole) {
  const std::string with_nul("ab\0cd", 5);
  const Result<std::string> hash = HashPassword(with_nul);
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(VerifyPassword(with_nul, *hash));
  EXPECT_FALSE(VerifyPassword("ab", *hash));
}

TEST(Auth, EmptyAndOverlongPasswordsAreRefused) {
  const Result<std::string> empty = HashPassword("");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(empty.status().message(), "密码不能为空 / the password must not be empty");
  const Result<std::string> longer = HashPassword(std::string(kMaxPasswordBytes + 1, 'x'));
  ASSERT_FALSE(longer.ok());
  EXPECT_EQ(longer.status().message(),
            "密码超过 4096 字节 / the password is longer than 4096 bytes");
  EXPECT_TRUE(HashPassword(std::string(kMaxPasswordBytes, 'x')).ok());
}

TEST(Auth, MalformedHashesAreFalseNotCrashes) {
  const Result<std::string> hash = HashPassword("secret-1");
  ASSERT_TRUE(hash.ok());
  const std::string& good = *hash;
  for (const std::string& bad : {
           std::string(""), std::string("$"), std::string("$argon2id$"),
           std::string("$argon2id$v=19$"), std::string("$argon2id$v=19$m=19456,t=2,p=1$"),
           std::string("$argon2id$v=19$m=19456,t=2,p=1$$"),
           std::string("$argon2id$v=19$m=,t=2,p=1$c2FsdHNhbHQ$aGFzaA"),
           std::string("$argon2id$v=19$m=99999999999999999999,t=2,p=1$c2FsdHNhbHQ$aGFzaA"),
           std::string("$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNo"),
           std::string("$2b$12$abcdefghijklmnopqrstuu5Hj8K0Ay3lG9z8a3c3n2mQ1xJ6N8bC."),
           std::string("plain-text-password"), good.substr(0, good.size() - 5),  // truncated hash
           good + "AAAA",                                                        // longer hash
           good + std::string("\0tail", 5),  // NUL inside the string
       }) {
    EXPECT_FALSE(VerifyPassword("secret-1", bad)) << bad;
  }
}

TEST(Auth, HashAskingForHugeCostsIsRefusedWithoutTryingIt) {
  const Result<std::string> hash = HashPassword("secret-1");
  ASSERT_TRUE(hash.ok());
  std::string greedy = *hash;
  greedy.replace(greedy.find("m=19456"), 7, "m=4194304");  // 4 GiB
  EXPECT_FALSE(VerifyPassword("secret-1", greedy));
  std::string slow = *hash;
  slow.replace(slow.find("t=2"), 3, "t=100000");
  EXPECT_FALSE(VerifyPassword("secret-1", slow));
  std::string lanes = *hash;
  lanes.replace(lanes.find("p=1"), 3, "p=0");
  EXPECT_FALSE(VerifyPassword("secret-1", lanes));
}

TEST(Auth, HashWithOtherParametersStillVerifies) {
  // A hash made with other parameters than today's (by an older version) keeps working: the
  // parameters travel in the encoding.
  const std::string salt = "saltsaltsaltsalt";
  char encoded[128];
  ASSERT_EQ(argon2id_hash_encoded(3, 4096, 2, "password", 8, salt.data(), salt.size(), 32, encoded,
                                  sizeof encoded),
            ARGON2_OK);
  EXPECT_EQ(std::string(encoded).rfind("$argon2id$v=19$m=4096,t=3,p=2$", 0), 0u) << encoded;
  EXPECT_TRUE(VerifyPassword("password", encoded));
  EXPECT_FALSE(VerifyPassword("passwore", encoded));
  // An argon2i hash (another variant) is not accepted as argon2id.
  ASSERT_EQ(argon2i_hash_encoded(3, 4096, 1, "password", 8, salt.data(), salt.size(), 32, encoded,
                                 sizeof encoded),
            ARGON2_OK);
  EXPECT_FALSE(VerifyPassword("password", encoded));
}

TEST(Auth, RandomTokensAreLongUrlSafeAndDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string token = RandomToken();
    ASSERT_EQ(token.size(), 43u) << token;  // 32 bytes, base64 without padding
    for (const char c : token) {
      ASSERT_TRUE((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_')
          << token;
    }
    seen.insert(token);
  }
  EXPECT_EQ(seen.size(), 200u);
}

TEST(Auth, Sha256KnownAnswers) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex(std::string("a\0b", 3)), Sha256Hex(std::string("a\0b", 3)));
  EXPECT_NE(Sha256Hex(std::string("a\0b", 3)), Sha256Hex("a"));
}

TEST(Auth, TokenHashIsSha256OfTheToken) {
  const std::string token = RandomToken();
  const std::string hash = TokenHash(token);
  EXPECT_EQ(hash, Sha256Hex(token));
  EXPECT_EQ(hash.size(), 64u);
  EXPECT_EQ(hash.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(TokenHash(RandomToken()), hash);
}

TEST(Auth, ConstantTimeEquals) {
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "ab"));
  EXPECT_FALSE(ConstantTimeEquals("", "a"));
  EXPECT_TRUE(ConstantTimeEquals(std::string("a\0b", 3), std::string("a\0b", 3)));
  EXPECT_FALSE(ConstantTimeEquals(std::string("a\0b", 3), std::string("a\0c", 3)));
  const std::string token = RandomToken();
  EXPECT_TRUE(ConstantTimeEquals(TokenHash(token), TokenHash(std::string(token))));
}

TEST(Auth, GeneratedPasswordsAreReadableAndDistinct) {
  const std::string kAlphabet = "23456789abcdefghijkmnpqrstuvwxyz";
  std::set<std::string> seen;
  std::set<char> used;
  for (int i = 0; i < 200; ++i) {
    const std::string pw = GeneratePassword();
    ASSERT_EQ(pw.size(), 19u) << pw;
    for (size_t j = 0; j < pw.size(); ++j) {
      if (j % 5 == 4) {
        ASSERT_EQ(pw[j], '-') << pw;
      } else {
        ASSERT_NE(kAlphabet.find(pw[j]), std::string::npos) << pw;
        used.insert(pw[j]);
      }
    }
    seen.insert(pw);
  }
  EXPECT_EQ(seen.size(), 200u);
  EXPECT_GT(used.size(), 28u);  // 3200 draws reach (nearly) every one of the 32 characters
  for (const char ambiguous : std::string("0O1lIo")) EXPECT_EQ(used.count(ambiguous), 0u);
  // A generated password is a usable one.
  const std::string pw = GeneratePassword();
  const Result<std::string> hash = HashPassword(pw);
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(VerifyPassword(pw, *hash));
}

}  // namespace
}  // namespace jixiao::server
