// The encoding of a text file, told from its bytes, and the text converted to UTF-8. Chinese
// text files arrive as UTF-8 (with or without a byte order mark), as GB18030/GBK (what
// Chinese Windows writes by default: "ANSI" in Notepad) and as UTF-16 with a byte order mark
// (Notepad's "Unicode"). The rules, in order:
//   1. a byte order mark decides: EF BB BF → UTF-8, FF FE → UTF-16LE, FE FF → UTF-16BE; the
//      rest must then be valid in that encoding;
//   2. valid UTF-8 (ASCII included) is UTF-8;
//   3. a NUL byte means a binary file (refused);
//   4. text that is almost all UTF-8 (at most one bad sequence in twenty) is damaged UTF-8
//      and refused with the first bad byte, rather than read as GB18030 by accident;
//   5. otherwise a strict GB18030 conversion (GBK and GB2312 are subsets): it fails on the
//      first byte sequence that GB18030 does not define, and the encoding is then unknowable.
// Statistical detection (ICU's ucsdet) is not used: it guesses, and a wrong guess imports
// garbage silently, where the rules above either read the text exactly or refuse it.
//
// Pure functions; safe from any thread. Messages follow the language in force (base/lang.h).
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace jixiao {

enum class TextEncoding { kUtf8, kUtf8Bom, kUtf16Le, kUtf16Be, kGb18030 };

// "UTF-8", "UTF-8 (BOM)", "UTF-16LE", "UTF-16BE", "GB18030".
std::string_view TextEncodingName(TextEncoding encoding);

// The text of a file in UTF-8, without its byte order mark.
struct DecodedText {
  TextEncoding encoding = TextEncoding::kUtf8;
  bool converted = false;     // the text was converted (UTF-16, GB18030) into `utf8`
  std::string utf8;           // the converted text when `converted`
  std::string_view original;  // the input without its BOM when not `converted`

  std::string_view text() const { return converted ? std::string_view(utf8) : original; }
};

// Decodes `bytes` by the rules above. `file_name` names the file in messages. Errors, all
// InvalidArgument, each naming the file and the byte offset (from the start of the file) of
// the first byte that cannot be read:
//   "f: byte 2: not UTF-8 text (a NUL byte; is this a binary file?)"
//   "f: byte 7: not UTF-8 text (1 invalid sequences; convert the file to UTF-8)"  — damaged
//   "f: byte 2: the encoding cannot be told: not UTF-8 (2 invalid sequences) and not GB18030
//    (invalid at byte 2); save the file as UTF-8 text (Notepad: Save As, Encoding UTF-8)"
//   "f: byte 9: not UTF-16LE text although it starts with a UTF-16LE byte order mark (an
//    unpaired surrogate); save the file as UTF-8"
// and their Chinese forms ("f：第 2 字节起……请将文件另存为 UTF-8 编码……").
Result<DecodedText> DecodeText(std::string_view bytes, const std::string& file_name);

}  // namespace jixiao
