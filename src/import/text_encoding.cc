// Encoding detection by byte order mark, UTF-8 validity and a strict GB18030 conversion (ICU).
#include "import/text_encoding.h"

#include <unicode/ucnv.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "base/lang.h"
#include "base/text.h"

namespace jixiao {

std::string_view TextEncodingName(TextEncoding encoding) {
  switch (encoding) {
    case TextEncoding::kUtf8:
      return "UTF-8";
    case TextEncoding::kUtf8Bom:
      return "UTF-8 (BOM)";
    case TextEncoding::kUtf16Le:
      return "UTF-16LE";
    case TextEncoding::kUtf16Be:
      return "UTF-16BE";
    case TextEncoding::kGb18030:
      return "GB18030";
  }
  return "";
}

namespace {

constexpr std::string_view kUtf8Bom = "\xef\xbb\xbf";
constexpr std::string_view kUtf16LeBom = "\xff\xfe";
constexpr std::string_view kUtf16BeBom = "\xfe\xff";

// A pass over the bytes as UTF-8.
struct Utf8Scan {
  size_t invalid = 0;                        // bad sequences
  size_t first_invalid = std::string::npos;  // byte offset of the first
  size_t multibyte = 0;                      // valid sequences of 2–4 bytes
  size_t nul = std::string::npos;            // byte offset of the first NUL
};

Utf8Scan ScanUtf8(std::string_view bytes) {
  Utf8Scan scan;
  for (size_t pos = 0; pos < bytes.size();) {
    const unsigned char b = static_cast<unsigned char>(bytes[pos]);
    if (b >= 0x01 && b < 0x80) {  // ASCII, the bulk of most lines
      ++pos;
      continue;
    }
    const size_t at = pos;
    const char32_t cp = NextCodePoint(bytes, &pos);
    if (cp == 0) {
      if (scan.nul == std::string::npos) scan.nul = at;
    } else if (cp == 0xFFFD && bytes.substr(at, 3) != "\xef\xbf\xbd") {
      if (scan.invalid++ == 0) scan.first_invalid = at;
    } else {
      ++scan.multibyte;
    }
  }
  return scan;
}

Status NulByte(const std::string& file, size_t at) {
  return Status::InvalidArgument(
      TrF("{}：第 {} 字节是空字符（NUL），这不是文本文件（是否为二进制文件？）",
          "{}: byte {}: not UTF-8 text (a NUL byte; is this a binary file?)", file, at));
}

struct ConvertFailure {
  size_t offset = 0;  // byte offset in the file
  bool truncated = false;
  bool surrogate = false;
  bool nul = false;
};

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

// Converts `bytes` (which start at byte `base` of the file) from the ICU converter `name` to
// UTF-8 in *out, stopping at the first sequence the encoding does not define, at an unpaired
// surrogate and at a NUL character. Streams through a fixed buffer: linear in the input.
bool ConvertStrict(const char* name, std::string_view bytes, size_t base, std::string* out,
                   ConvertFailure* failure) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> cnv(ucnv_open(name, &err));
  if (U_FAILURE(err) || !cnv) {
    failure->offset = base;
    return false;
  }
  ucnv_setToUCallBack(cnv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  out->clear();
  out->reserve(bytes.size() + bytes.size() / 2);
  // A short text needs no more room than its length (one UTF-16 unit per byte at most).
  const int32_t kChunk = static_cast<int32_t>(std::min<size_t>(1 << 15, bytes.size() + 4));
  std::vector<UChar> buffer(static_cast<size_t>(kChunk));
  std::vector<int32_t> offsets(static_cast<size_t>(kChunk));
  const char* const start = bytes.data();
  const char* source = start;
  const char* const limit = start + bytes.size();
  UChar lead = 0;  // a lead surrogate at the end of the previous chunk
  size_t lead_at = 0;
  while (true) {
    UChar* target = buffer.data();
    const char* const chunk = source;
    err = U_ZERO_ERROR;
    ucnv_toUnicode(cnv.get(), &target, buffer.data() + kChunk, &source, limit, offsets.data(),
                   /*flush=*/true, &err);
    const size_t n = static_cast<size_t>(target - buffer.data());
    for (size_t i = 0; i < n; ++i) {
      const UChar u = buffer[i];
      const size_t at =
          base + static_cast<size_t>(chunk - start) + (offsets[i] >= 0 ? offsets[i] : 0);
      if (lead != 0) {
        if (!U16_IS_TRAIL(u)) {
          failure->offset = lead_at;
          failure->surrogate = true;
          return false;
        }
        AppendUtf8(U16_GET_SUPPLEMENTARY(lead, u), out);
        lead = 0;
        continue;
      }
      if (U16_IS_LEAD(u)) {
        lead = u;
        lead_at = at;
      } else if (U16_IS_TRAIL(u)) {
        failure->offset = at;
        failure->surrogate = true;
        return false;
      } else if (u == 0) {
        failure->offset = at;
        failure->nul = true;
        return false;
      } else {
        AppendUtf8(u, out);
      }
    }
    if (err == U_BUFFER_OVERFLOW_ERROR) continue;
    if (U_FAILURE(err)) {
      char bad[32];
      int8_t length = sizeof bad;
      UErrorCode ignored = U_ZERO_ERROR;
      ucnv_getInvalidChars(cnv.get(), bad, &length, &ignored);
      if (U_FAILURE(ignored)) length = 0;
      const size_t consumed = static_cast<size_t>(source - start);
      failure->offset = base + consumed - std::min<size_t>(consumed, length);
      failure->truncated = err == U_TRUNCATED_CHAR_FOUND;
      return false;
    }
    break;
  }
  if (lead != 0) {
    failure->offset = lead_at;
    failure->surrogate = true;
    return false;
  }
  return true;
}

}  // namespace

Result<DecodedText> DecodeText(std::string_view bytes, const std::string& file) {
  DecodedText out;
  // 1. A byte order mark decides.
  if (bytes.substr(0, kUtf16LeBom.size()) == kUtf16LeBom ||
      bytes.substr(0, kUtf16BeBom.size()) == kUtf16BeBom) {
    const bool le = bytes[0] == '\xff';
    out.encoding = le ? TextEncoding::kUtf16Le : TextEncoding::kUtf16Be;
    out.converted = true;
    ConvertFailure failure;
    if (ConvertStrict(le ? "UTF-16LE" : "UTF-16BE", bytes.substr(2), 2, &out.utf8, &failure)) {
      return out;
    }
    if (failure.nul) return NulByte(file, failure.offset);
    return Status::InvalidArgument(TrF(
        "{0}：文件开头标明是 {2} 编码，但第 {1} 字节起不是有效的 {2} 文本（{3}）；请将文件另存为 "
        "UTF-8 编码后再导入",
        "{0}: byte {1}: not {2} text although it starts with a {2} byte order mark ({3}); save "
        "the file as UTF-8",
        file, failure.offset, TextEncodingName(out.encoding),
        failure.truncated ? Tr("文件在一个字符的中间结束", "the file ends inside a character")
                          : Tr("一个不成对的代理项", "an unpaired surrogate")));
  }
  const bool utf8_bom = bytes.substr(0, kUtf8Bom.size()) == kUtf8Bom;
  const size_t base = utf8_bom ? kUtf8Bom.size() : 0;
  const std::string_view rest = bytes.substr(base);
  const Utf8Scan scan = ScanUtf8(rest);
  // 3. A NUL byte: not text.
  if (scan.nul != std::string::npos) return NulByte(file, base + scan.nul);
  // 2. Valid UTF-8.
  if (scan.invalid == 0) {
    out.encoding = utf8_bom ? TextEncoding::kUtf8Bom : TextEncoding::kUtf8;
    out.original = rest;
    return out;
  }
  if (utf8_bom) {
    return Status::InvalidArgument(
        TrF("{}：文件开头标明是 UTF-8 编码，但第 {} 字节起不是有效的 UTF-8 文本（共 {} "
            "处无效字节）；请将文件重新另存为 UTF-8 编码后再导入",
            "{}: byte {}: not UTF-8 text although it starts with a UTF-8 byte order mark ({} "
            "invalid sequences); save the file as UTF-8 again",
            file, base + scan.first_invalid, scan.invalid));
  }
  // 4. Almost all UTF-8: a damaged UTF-8 file, not another encoding.
  if (scan.multibyte >= 20 * scan.invalid) {
    return Status::InvalidArgument(
        TrF("{}：第 {} 字节起不是有效的 UTF-8 文本（共 {} 处无效字节，其余都是 "
            "UTF-8，文件可能已损坏）；请将文件另存为 UTF-8 编码后再导入",
            "{}: byte {}: not UTF-8 text ({} invalid sequences; convert the file to UTF-8)", file,
            scan.first_invalid, scan.invalid));
  }
  // 5. GB18030, strictly.
  ConvertFailure failure;
  if (ConvertStrict("GB18030", rest, 0, &out.utf8, &failure)) {
    out.encoding = TextEncoding::kGb18030;
    out.converted = true;
    return out;
  }
  if (failure.nul) return NulByte(file, failure.offset);
  return Status::InvalidArgument(
      TrF("{}：无法确定文件的文字编码：第 {} 字节起既不是 UTF-8（共 {} 处无效字节），"
          "也不是 GB18030/GBK（第 {} 字节无效）。请用记事本或 WPS 打开此文件，“另存为”时把编码"
          "选为 UTF-8，再重新导入",
          "{}: byte {}: the encoding cannot be told: not UTF-8 ({} invalid sequences) and not "
          "GB18030 (invalid at byte {}); save the file as UTF-8 text (Notepad: Save As, "
          "Encoding UTF-8) and import it again",
          file, scan.first_invalid, scan.invalid, failure.offset));
}

}  // namespace jixiao
