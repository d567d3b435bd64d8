// Tests of encoding detection: byte order marks, valid UTF-8, GB18030, damaged UTF-8, text
// whose encoding cannot be told (the first bad byte named), in both languages.
#include "import/text_encoding.h"

#include <gtest/gtest.h>

#include "base/lang.h"

namespace jixiao {
namespace {

std::string Utf8(const Result<DecodedText>& d) {
  EXPECT_TRUE(d.ok()) << d.status().message();
  return d.ok() ? std::string(d->text()) : "";
}

TEST(TextEncoding, ByteOrderMarksDecide) {
  Result<DecodedText> d = DecodeText("\xef\xbb\xbf编制数", "a.txt");
  EXPECT_EQ(Utf8(d), "编制数");
  EXPECT_EQ(d->encoding, TextEncoding::kUtf8Bom);
  EXPECT_FALSE(d->converted);
  // "编制数" in UTF-16LE and UTF-16BE, and a character beyond the BMP (U+20BB7 𠮷).
  d = DecodeText(std::string("\xff\xfe\x16\x7f\x36\x52\x70\x65\x42\xd8\xb7\xdf", 12), "le.txt");
  EXPECT_EQ(Utf8(d), "编制数𠮷");
  EXPECT_EQ(d->encoding, TextEncoding::kUtf16Le);
  d = DecodeText(std::string("\xfe\xff\x7f\x16\x52\x36\x65\x70", 8), "be.txt");
  EXPECT_EQ(Utf8(d), "编制数");
  EXPECT_EQ(d->encoding, TextEncoding::kUtf16Be);
  EXPECT_EQ(TextEncodingName(TextEncoding::kUtf16Be), "UTF-16BE");
}

TEST(TextEncoding, Utf8AndGb18030) {
  Result<DecodedText> d = DecodeText("plain ASCII", "a.txt");
  EXPECT_EQ(d->encoding, TextEncoding::kUtf8);
  EXPECT_EQ(Utf8(d), "plain ASCII");
  // "部门整体支出绩效自评 ≧8次 　" in GB18030 (≧ and U+3000 included).
  d = DecodeText(
      "\xb2\xbf\xc3\xc5\xd5\xfb\xcc\xe5\xd6\xa7\xb3\xf6\xbc\xa8\xd0\xa7\xd7\xd4\xc6\xc0"
      " \xa8\x52"
      "8\xb4\xce \xa1\xa1",
      "gb.txt");
  EXPECT_EQ(Utf8(d), "部门整体支出绩效自评 ≧8次 　");
  EXPECT_EQ(d->encoding, TextEncoding::kGb18030);
  EXPECT_TRUE(d->converted);
  // A four-byte GB18030 sequence (U+20BB7).
  d = DecodeText("\x95\x34\xb2\x35", "gb4.txt");
  EXPECT_EQ(Utf8(d), "𠮷");
}

TEST(TextEncoding, RefusalsNameTheFirstBadByte) {
  // Damaged UTF-8: one bad byte among many good characters is not read as GB18030.
  std::string damaged;
  for (int i = 0; i < 20; ++i) damaged += "编制";
  damaged += "\xff";
  EXPECT_EQ(DecodeText(damaged, "d.txt").status().message(),
            "d.txt: byte 120: not UTF-8 text (1 invalid sequences; convert the file to UTF-8)");
  // Neither: a GB18030 lead byte followed by one that GB18030 does not allow.
  EXPECT_EQ(DecodeText("\xb2\xbf\xc3\x7f", "n.txt").status().message(),
            "n.txt: byte 0: the encoding cannot be told: not UTF-8 (3 invalid sequences) and not "
            "GB18030 (invalid at byte 2); save the file as UTF-8 text (Notepad: Save As, "
            "Encoding UTF-8) and import it again");
  EXPECT_EQ(DecodeText(std::string("ab\0", 3), "z.txt").status().message(),
            "z.txt: byte 2: not UTF-8 text (a NUL byte; is this a binary file?)");
  EXPECT_EQ(DecodeText("\xef\xbb\xbf"
                       "ab\xff",
                       "bom.txt")
                .status()
                .message(),
            "bom.txt: byte 5: not UTF-8 text although it starts with a UTF-8 byte order mark (1 "
            "invalid sequences); save the file as UTF-8 again");
  // UTF-16: an odd length, an unpaired surrogate, a NUL character.
  EXPECT_EQ(DecodeText(std::string("\xff\xfe"
                                   "a\0b",
                                   5),
                       "odd.txt")
                .status()
                .message(),
            "odd.txt: byte 4: not UTF-16LE text although it starts with a UTF-16LE byte order "
            "mark (the file ends inside a character); save the file as UTF-8");
  EXPECT_EQ(
      DecodeText(std::string("\xff\xfe"
                             "a\0\x00\xd8"
                             "b\0",
                             8),
                 "sur.txt")
          .status()
          .message(),
      "sur.txt: byte 4: not UTF-16LE text although it starts with a UTF-16LE byte order mark (an "
      "unpaired surrogate); save the file as UTF-8");
  EXPECT_EQ(DecodeText(std::string("\xfe\xff\0a\0\0", 6), "nul.txt").status().message(),
            "nul.txt: byte 4: not UTF-8 text (a NUL byte; is this a binary file?)");
}

TEST(TextEncoding, MessagesInChinese) {
  const ScopedMessageLanguage zh(Lang::kZh);
  EXPECT_EQ(DecodeText("\xb2\xbf\xc3\x7f", "预算.txt").status().message(),
            "预算.txt：无法确定文件的文字编码：第 0 字节起既不是 UTF-8（共 3 处无效字节），也不是 "
            "GB18030/GBK（第 2 字节无效）。请用记事本或 WPS 打开此文件，“另存为”时把编码选为 "
            "UTF-8，再重新导入");
  EXPECT_EQ(DecodeText(std::string("\xff\xfe"
                                   "a\0b",
                                   5),
                       "odd.txt")
                .status()
                .message(),
            "odd.txt：文件开头标明是 UTF-16LE 编码，但第 4 字节起不是有效的 UTF-16LE "
            "文本（文件在一个字符的中间结束）；请将文件另存为 UTF-8 编码后再导入");
}

}  // namespace
}  // namespace jixiao
