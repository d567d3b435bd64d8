// A package saved as GB18030 (GBK), as UTF-16LE or UTF-16BE with a byte order mark (Notepad's
// "Unicode") or as UTF-8 with a byte order mark imports to the very same package as the UTF-8
// text — the package JSON compared whole, provenance (file, table, row, column, text line)
// included — and the import says which encoding it read. Two texts: one written for jixiao's
// tests (tests/package_text.h, so the test always runs) and the seed (../shared, found through
// JIXIAO_SHARED_DIR; skipped with a message when absent).
#include <gtest/gtest.h>
#include <unicode/ucnv.h>

#include <fstream>
#include <sstream>
#include <string>

#include "base/lang.h"
#include "import/importer.h"
#include "model/package_json.h"
#include "tests/package_text.h"
#include "tests/test_support.h"

namespace jixiao {
namespace {

// `utf8` converted to the ICU encoding `to`, with `bom` in front.
std::string Encode(const std::string& utf8, const char* to, const std::string& bom) {
  std::string out(utf8.size() * 2 + 16, '\0');
  UErrorCode err = U_ZERO_ERROR;
  const int32_t n = ucnv_convert(to, "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                                 utf8.data(), static_cast<int32_t>(utf8.size()), &err);
  EXPECT_TRUE(U_SUCCESS(err)) << u_errorName(err);
  out.resize(U_SUCCESS(err) ? static_cast<size_t>(n) : 0);
  return bom + out;
}

struct Variant {
  const char* name;  // as ImportResult::encoding says it
  std::string bytes;
};

std::vector<Variant> Variants(const std::string& utf8) {
  return {{"GB18030", Encode(utf8, "GB18030", "")},
          {"UTF-16LE", Encode(utf8, "UTF-16LE", "\xff\xfe")},
          {"UTF-16BE", Encode(utf8, "UTF-16BE", "\xfe\xff")},
          {"UTF-8 (BOM)", "\xef\xbb\xbf" + utf8}};
}

void ExpectSamePackage(const std::string& utf8, const std::string& name) {
  Result<LoadedPackage> plain = LoadPackageBytes(utf8, name);
  ASSERT_TRUE(plain.ok()) << plain.status().message();
  EXPECT_EQ(plain->import.encoding, "UTF-8");
  const std::string expected = WritePackageJson(plain->package);
  for (const Variant& v : Variants(utf8)) {
    ASSERT_NE(v.bytes, utf8) << v.name;
    Result<LoadedPackage> other = LoadPackageBytes(v.bytes, name);
    ASSERT_TRUE(other.ok()) << v.name << ": " << other.status().message();
    EXPECT_EQ(other->format, DocumentFormat::kText) << v.name;
    EXPECT_EQ(other->import.encoding, v.name);
    EXPECT_TRUE(WritePackageJson(other->package) == expected) << v.name << " gives another package";
    EXPECT_EQ(other->import.notes.size(), plain->import.notes.size()) << v.name;
    EXPECT_EQ(other->import.recognised, plain->import.recognised) << v.name;
  }
}

TEST(ImportEncoding, OurPackageInEveryEncodingIsTheSamePackage) {
  ExpectSamePackage(testing::PackageText(), "package.txt");
}

TEST(ImportEncoding, TheSeedInEveryEncodingIsTheSamePackage) {
  const auto shared = testing::SharedDir();
  if (!shared) GTEST_SKIP() << "seed documents absent (set JIXIAO_SHARED_DIR or put ../shared)";
  std::ifstream in(*shared + "/seeds/lingling-kexie-2024.txt", std::ios::binary);
  std::stringstream seed;
  seed << in.rdbuf();
  ASSERT_FALSE(seed.str().empty());
  ExpectSamePackage(seed.str(), "lingling-kexie-2024.txt");
}

// A text in an encoding that cannot be told is refused, naming the file, the first bad byte and
// what to do, in the language in force.
TEST(ImportEncoding, AnUnknowableEncodingIsRefusedWithWhatToDo) {
  // Big5 text that is not GB18030 either ("預算" then a byte GB18030 does not define).
  const std::string bytes = "\xb9\x77\xba\xe2\x80";
  Result<LoadedPackage> r = LoadPackageBytes(bytes, "big5.txt");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(r.status().message(),
            "big5.txt: byte 0: the encoding cannot be told: not UTF-8 (4 invalid sequences) and "
            "not GB18030 (invalid at byte 4); save the file as UTF-8 text (Notepad: Save As, "
            "Encoding UTF-8) and import it again");
  const ScopedMessageLanguage zh(Lang::kZh);
  r = LoadPackageBytes(bytes, "big5.txt");
  EXPECT_EQ(r.status().message(),
            "big5.txt：无法确定文件的文字编码：第 0 字节起既不是 UTF-8（共 4 处无效字节），也不是 "
            "GB18030/GBK（第 4 字节无效）。请用记事本或 WPS 打开此文件，“另存为”时把编码选为 "
            "UTF-8，再重新导入");
}

}  // namespace
}  // namespace jixiao
