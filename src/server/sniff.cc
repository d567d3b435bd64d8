// Evidence sniffing: magic numbers, the member names of a zip, the root directory of an OLE2
// compound file.
#include "server/sniff.h"

#include <cstdint>
#include <memory>
#include <vector>

#include "base/text.h"
#include "import/zip_archive.h"

namespace jixiao::server {

namespace {

constexpr std::string_view kDocxMime =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
constexpr std::string_view kXlsxMime =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
constexpr std::string_view kPptxMime =
    "application/vnd.openxmlformats-officedocument.presentationml.presentation";

bool StartsWith(std::string_view bytes, std::string_view prefix) {
  return bytes.substr(0, prefix.size()) == prefix;
}

// The file's name as messages show it: no control or bidirectional-override characters (which
// could make "exe.pdf" read as something else), broken UTF-8 as U+FFFD, at most ~100 bytes.
std::string ShownName(std::string_view name) {
  std::string shown;
  size_t pos = 0;
  while (pos < name.size()) {
    const char32_t cp = NextCodePoint(name, &pos);
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) continue;
    if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) continue;
    if (shown.size() >= 100) {
      shown += "…";
      break;
    }
    AppendUtf8(cp, &shown);
  }
  return shown;
}

// "<name>：<zh> / <name>: <en>".
Status Refuse(std::string_view file_name, std::string_view zh, std::string_view en) {
  std::string name = ShownName(file_name);
  const std::string zh_name = name.empty() ? "未命名文件" : name;
  const std::string en_name = name.empty() ? "unnamed file" : name;
  return Status::InvalidArgument(zh_name + "：" + std::string(zh) + " / " + en_name + ": " +
                                 std::string(en));
}

Status Unsupported(std::string_view file_name) {
  return Refuse(file_name, "不支持的佐证材料类型（只接受 PDF、图片、Word、Excel、PowerPoint、OFD）",
                "unsupported type of evidence (only PDF, images, Word, Excel, PowerPoint and OFD "
                "are accepted)");
}

Status Damaged(std::string_view file_name) {
  return Refuse(file_name, "文件已损坏，无法读取其中的目录",
                "the file is damaged; its directory cannot be read");
}

Status Macros(std::string_view file_name) {
  return Refuse(file_name, "含有宏的文档不能作为佐证材料，请另存为不含宏的格式",
                "documents with macros are not accepted as evidence; save it without macros");
}

// ---- Office Open XML and OFD: a zip, told apart by its members ----------------------------

Result<Sniffed> SniffZip(std::string_view bytes, std::string_view file_name) {
  Result<std::unique_ptr<ZipArchive>> zip = ZipArchive::Open(bytes, "evidence");
  if (!zip.ok()) return Damaged(file_name);
  ZipArchive& archive = **zip;
  struct Kind {
    const char* main_part;
    const char* macros;  // the VBA project of a macro-enabled document, or nullptr
    std::string_view mime;
    std::string_view ext;
  };
  static const Kind kKinds[] = {
      {"word/document.xml", "word/vbaProject.bin", kDocxMime, "docx"},
      {"xl/workbook.xml", "xl/vbaProject.bin", kXlsxMime, "xlsx"},
      {"ppt/presentation.xml", "ppt/vbaProject.bin", kPptxMime, "pptx"},
      {"OFD.xml", nullptr, "application/ofd", "ofd"},
  };
  for (const Kind& kind : kKinds) {
    if (!archive.Has(kind.main_part)) continue;
    if (kind.macros != nullptr && archive.Has(kind.macros)) return Macros(file_name);
    return Sniffed{std::string(kind.mime), std::string(kind.ext)};
  }
  return Unsupported(file_name);
}

// ---- Office 97–2003: an OLE2 compound file, told apart by the streams at its root ----------
// [MS-CFB]: a 512-byte header, then sectors of 512 (version 3) or 4096 (version 4) bytes; the
// FAT chains sectors together; the directory is a chain of 128-byte entries, entry 0 the root
// storage, whose children form a tree through their left/right sibling ids.

constexpr uint32_t kEndOfChain = 0xFFFFFFFE;
constexpr uint32_t kMaxRegularSector = 0xFFFFFFFA;
constexpr uint32_t kNoStream = 0xFFFFFFFF;

uint32_t Le32(std::string_view bytes, size_t at) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data() + at);
  return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}
uint16_t Le16(std::string_view bytes, size_t at) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data() + at);
  return static_cast<uint16_t>(p[0] | p[1] << 8);
}

class CompoundFile {
 public:
  explicit CompoundFile(std::string_view bytes) : bytes_(bytes) {}

  // The names of the entries directly under the root storage (ASCII names only; others are
  // kept as ""). False when the header, the FAT or the directory is broken.
  bool RootNames(std::vector<std::string>* names) {
    if (bytes_.size() < 512 || Le16(bytes_, 0x1C) != 0xFFFE) return false;
    const uint16_t shift = Le16(bytes_, 0x1E);
    if (shift != 9 && shift != 12) return false;
    sector_size_ = size_t{1} << shift;
    sectors_ = bytes_.size() / sector_size_;  // the header's sector included
    if (!ReadFatSectors()) return false;
    std::vector<Entry> entries;
    if (!ReadDirectory(Le32(bytes_, 0x30), &entries) || entries.empty()) return false;
    // The root's children: a tree through left/right siblings, walked without recursion and
    // each entry at most once (a damaged file may link them into a cycle).
    std::vector<bool> seen(entries.size(), false);
    std::vector<uint32_t> pending = {entries[0].child};
    while (!pending.empty()) {
      const uint32_t id = pending.back();
      pending.pop_back();
      if (id == kNoStream) continue;
      if (id >= entries.size() || seen[id]) return false;
      seen[id] = true;
      names->push_back(entries[id].name);
      pending.push_back(entries[id].left);
      pending.push_back(entries[id].right);
    }
    return true;
  }

 private:
  struct Entry {
    std::string name;
    uint32_t left, right, child;
  };

  // The byte offset of sector `n`, or npos when it is not wholly in the file.
  size_t SectorOffset(uint32_t n) const {
    if (n > kMaxRegularSector || size_t{n} + 1 >= sectors_) return std::string_view::npos;
    return (size_t{n} + 1) * sector_size_;
  }

  // The FAT's own sectors: the first 109 listed in the header, the rest in the DIFAT chain.
  bool ReadFatSectors() {
    const uint32_t count = Le32(bytes_, 0x2C);
    if (count > sectors_) return false;
    for (uint32_t i = 0; i < count && i < 109; ++i) fat_.push_back(Le32(bytes_, 0x4C + 4 * i));
    uint32_t difat = Le32(bytes_, 0x44);
    const size_t per_sector = sector_size_ / 4 - 1;  // the last slot links to the next
    for (size_t steps = 0; fat_.size() < count; ++steps) {
      const size_t at = SectorOffset(difat);
      if (at == std::string_view::npos || steps > sectors_) return false;
      for (size_t i = 0; i < per_sector && fat_.size() < count; ++i) {
        fat_.push_back(Le32(bytes_, at + 4 * i));
      }
      difat = Le32(bytes_, at + 4 * per_sector);
    }
    return true;
  }

  // The sector after `n` in its chain; kEndOfChain at the end, or a value beyond the regular
  // sectors when the FAT does not cover `n`.
  uint32_t Next(uint32_t n) const {
    const size_t per_sector = sector_size_ / 4;
    const size_t fat_index = n / per_sector;
    if (fat_index >= fat_.size()) return kNoStream;
    const size_t at = SectorOffset(fat_[fat_index]);
    if (at == std::string_view::npos) return kNoStream;
    return Le32(bytes_, at + 4 * (n % per_sector));
  }

  bool ReadDirectory(uint32_t sector, std::vector<Entry>* entries) const {
    for (size_t steps = 0; sector != kEndOfChain; ++steps) {
      const size_t at = SectorOffset(sector);
      if (at == std::string_view::npos || steps > sectors_) return false;
      for (size_t e = at; e + 128 <= at + sector_size_; e += 128) {
        Entry entry;
        const uint16_t name_bytes = Le16(bytes_, e + 0x40);
        for (size_t i = 0; i + 1 < name_bytes && i + 1 < 64; i += 2) {
          const uint16_t c = Le16(bytes_, e + i);
          if (c == 0) break;
          if (c >= 0x80) {
            entry.name.clear();
            break;
          }
          entry.name += static_cast<char>(c);
        }
        entry.left = Le32(bytes_, e + 0x44);
        entry.right = Le32(bytes_, e + 0x48);
        entry.child = Le32(bytes_, e + 0x4C);
        entries->push_back(std::move(entry));
      }
      sector = Next(sector);
    }
    return true;
  }

  std::string_view bytes_;
  size_t sector_size_ = 512;
  size_t sectors_ = 0;
  std::vector<uint32_t> fat_;
};

Result<Sniffed> SniffOle2(std::string_view bytes, std::string_view file_name) {
  std::vector<std::string> names;
  if (!CompoundFile(bytes).RootNames(&names)) return Damaged(file_name);
  bool word = false, excel = false, powerpoint = false;
  for (const std::string& name : names) {
    // "Macros" (Word) and "_VBA_PROJECT_CUR" (Excel) are the storages of a VBA project.
    if (name == "Macros" || name == "_VBA_PROJECT_CUR" || name == "VBA") return Macros(file_name);
    word = word || name == "WordDocument";
    excel = excel || name == "Workbook" || name == "Book";
    powerpoint = powerpoint || name == "PowerPoint Document";
  }
  if (word) return Sniffed{"application/msword", "doc"};
  if (excel) return Sniffed{"application/vnd.ms-excel", "xls"};
  if (powerpoint) return Sniffed{"application/vnd.ms-powerpoint", "ppt"};
  return Unsupported(file_name);  // an installer (.msi), an encrypted OOXML file, …
}

}  // namespace

Result<Sniffed> SniffEvidence(std::string_view bytes, std::string_view file_name) {
  if (bytes.empty()) return Refuse(file_name, "文件为空", "the file is empty");
  if (StartsWith(bytes, "%PDF-")) return Sniffed{"application/pdf", "pdf"};
  if (StartsWith(bytes, "\x89PNG\r\n\x1a\n")) return Sniffed{"image/png", "png"};
  if (StartsWith(bytes, "\xFF\xD8\xFF")) return Sniffed{"image/jpeg", "jpg"};
  if (StartsWith(bytes, "GIF87a") || StartsWith(bytes, "GIF89a")) {
    return Sniffed{"image/gif", "gif"};
  }
  if (bytes.size() >= 12 && StartsWith(bytes, "RIFF") && bytes.substr(8, 4) == "WEBP") {
    return Sniffed{"image/webp", "webp"};
  }
  if (LooksLikeZip(bytes)) return SniffZip(bytes, file_name);
  if (StartsWith(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) return SniffOle2(bytes, file_name);
  return Unsupported(file_name);
}

}  // namespace jixiao::server
