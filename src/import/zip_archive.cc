// ZipArchive: the zip container (PKWARE APPNOTE 6.3) read from memory by our own parser, members
// inflated by zlib, with size and ratio caps.
//
// Not libzip: it brings libcrypto, GnuTLS and libbz2 with it, whose loading and relocations took
// about 5 ms of every run that read a DOCX or XLSX — a quarter of importing the example
// (docs/performance.md). Office files need little of a zip: the central
// directory (with ZIP64 sizes and offsets), members stored or deflated, a CRC-32 each. Anything
// else is refused with a message that names it: encrypted members, other compression methods,
// archives spanning disks.
//
// Every offset and length read from the archive is checked against the bytes before it is used;
// the fuzz targets of the DOCX and XLSX readers (fuzz/) run through this parser.
#include "import/zip_archive.h"

#include <fmt/format.h>
#include <zlib.h>

#include <algorithm>
#include <limits>

#include "base/lang.h"

namespace jixiao {
namespace {

constexpr uint32_t kLocalHeader = 0x04034b50;
constexpr uint32_t kCentralHeader = 0x02014b50;
constexpr uint32_t kEndOfDirectory = 0x06054b50;
constexpr uint32_t kZip64End = 0x06064b50;
constexpr uint32_t kZip64Locator = 0x07064b50;
constexpr uint16_t kZip64Extra = 0x0001;

uint16_t U16(std::string_view b, size_t at) {
  return static_cast<uint16_t>(static_cast<unsigned char>(b[at]) |
                               static_cast<unsigned char>(b[at + 1]) << 8);
}
uint32_t U32(std::string_view b, size_t at) {
  return static_cast<uint32_t>(U16(b, at)) | static_cast<uint32_t>(U16(b, at + 2)) << 16;
}
uint64_t U64(std::string_view b, size_t at) {
  return static_cast<uint64_t>(U32(b, at)) | static_cast<uint64_t>(U32(b, at + 4)) << 32;
}

// Whether [at, at + length) lies inside `size` bytes, without overflow.
bool Inside(uint64_t at, uint64_t length, uint64_t size) {
  return at <= size && length <= size - at;
}

}  // namespace

Result<std::unique_ptr<ZipArchive>> ZipArchive::Open(std::string_view bytes, std::string file,
                                                     ZipLimits limits) {
  if (!LooksLikeZip(bytes)) {
    return Status::InvalidArgument(TrF("{}：不是 zip 压缩包（没有 PK 标志）",
                                       "{}: not a zip archive (no PK signature)", file));
  }
  const auto damaged = [&file](std::string_view zh, std::string_view en) {
    return Status::Corruption(TrF("{}：zip 压缩包已损坏：{}", "{}: damaged zip archive: {}", file,
                                  MessagesInChinese() ? zh : en));
  };
  // The end of the central directory: the last signature whose record, with its comment, fits.
  const uint64_t size = bytes.size();
  if (size < 22) return damaged("没有中央目录结尾", "no end of central directory");
  uint64_t end = std::numeric_limits<uint64_t>::max();
  const uint64_t lowest = size >= 22 + 0xFFFF ? size - 22 - 0xFFFF : 0;
  for (uint64_t at = size - 22 + 1; at-- > lowest;) {
    if (U32(bytes, at) == kEndOfDirectory && at + 22 + U16(bytes, at + 20) <= size) {
      end = at;
      break;
    }
  }
  if (end == std::numeric_limits<uint64_t>::max()) {
    return damaged("没有中央目录结尾", "no end of central directory");
  }
  uint64_t entries = U16(bytes, end + 10);
  uint64_t directory_size = U32(bytes, end + 12);
  uint64_t directory = U32(bytes, end + 16);
  const bool spans = U16(bytes, end + 4) != 0 || U16(bytes, end + 6) != 0 ||
                     U16(bytes, end + 8) != U16(bytes, end + 10);
  if (entries == 0xFFFF || directory_size == 0xFFFFFFFF || directory == 0xFFFFFFFF) {
    // ZIP64: the locator just before the end record points at the ZIP64 end record.
    if (end < 20 || U32(bytes, end - 20) != kZip64Locator) {
      return damaged("缺少 ZIP64 定位记录", "no ZIP64 end locator");
    }
    const uint64_t at = U64(bytes, end - 20 + 8);
    if (!Inside(at, 56, size) || U32(bytes, at) != kZip64End) {
      return damaged("ZIP64 目录结尾不在其位置", "the ZIP64 end record is not where it is said");
    }
    entries = U64(bytes, at + 32);
    directory_size = U64(bytes, at + 40);
    directory = U64(bytes, at + 48);
  } else if (spans) {
    return damaged("分卷压缩包（跨多个磁盘）", "an archive spanning several disks");
  }
  if (entries > limits.max_members) {
    return Status::Corruption(TrF("{}：压缩包内有 {} 个文件，超过允许的 {} 个",
                                  "{}: the archive has {} members, more than the {} allowed", file,
                                  entries, limits.max_members));
  }
  if (!Inside(directory, directory_size, size) || entries > directory_size / 46 + 1) {
    return damaged("中央目录超出文件范围", "the central directory lies outside the file");
  }

  // A copy: the errors below still name the file.
  std::unique_ptr<ZipArchive> archive(new ZipArchive(bytes, file, limits));
  archive->entries_.reserve(static_cast<size_t>(entries));
  uint64_t at = directory;
  const uint64_t directory_end = directory + directory_size;
  for (uint64_t i = 0; i < entries; ++i) {
    if (!Inside(at, 46, directory_end) || U32(bytes, at) != kCentralHeader) {
      return damaged(fmt::format("第 {} 个目录项损坏", i + 1),
                     fmt::format("directory entry {} is damaged", i + 1));
    }
    Entry e;
    e.flags = U16(bytes, at + 8);
    e.method = U16(bytes, at + 10);
    e.crc = U32(bytes, at + 16);
    e.compressed = U32(bytes, at + 20);
    e.size = U32(bytes, at + 24);
    const uint16_t name_length = U16(bytes, at + 28);
    const uint16_t extra_length = U16(bytes, at + 30);
    const uint16_t comment_length = U16(bytes, at + 32);
    e.local = U32(bytes, at + 42);
    const uint64_t name_at = at + 46;
    const uint64_t extra_at = name_at + name_length;
    const uint64_t next = extra_at + extra_length + comment_length;
    if (next > directory_end) {
      return damaged(fmt::format("第 {} 个目录项超出目录", i + 1),
                     fmt::format("directory entry {} runs past the directory", i + 1));
    }
    e.name = std::string(bytes.substr(name_at, name_length));
    // ZIP64 values, in this order, for the fields that hold all ones.
    for (uint64_t x = extra_at; x + 4 <= extra_at + extra_length;) {
      const uint16_t id = U16(bytes, x);
      const uint16_t length = U16(bytes, x + 2);
      if (x + 4 + length > extra_at + extra_length) break;
      if (id == kZip64Extra) {
        uint64_t v = x + 4;
        const uint64_t v_end = v + length;
        for (uint64_t* field : {&e.size, &e.compressed, &e.local}) {
          if (*field != 0xFFFFFFFF) continue;
          if (v + 8 > v_end) {
            return damaged(fmt::format("{}：ZIP64 信息不全", e.name),
                           fmt::format("{}: incomplete ZIP64 field", e.name));
          }
          *field = U64(bytes, v);
          v += 8;
        }
      }
      x += 4 + length;
    }
    archive->index_.emplace(e.name, archive->entries_.size());  // the first of a repeated name
    archive->entries_.push_back(std::move(e));
    at = next;
  }
  return archive;
}

ZipArchive::~ZipArchive() = default;

bool ZipArchive::Has(const std::string& member) const { return index_.count(member) > 0; }

std::vector<std::string> ZipArchive::Members() const {
  std::vector<std::string> names;
  names.reserve(entries_.size());
  for (const Entry& e : entries_) names.push_back(e.name);
  return names;
}

Result<std::string> ZipArchive::Read(const std::string& member) {
  const auto found = index_.find(member);
  if (found == index_.end()) {
    return Status::NotFound(TrF("{}：压缩包内没有 {}", "{}: no member {}", file_, member));
  }
  const Entry& e = entries_[found->second];
  const uint64_t declared = e.size;
  const uint64_t compressed = e.compressed;
  if (declared > limits_.max_member_bytes) {
    return Status::Corruption(TrF("{}：{}：解压后 {} 字节，超过允许的 {} 字节",
                                  "{}: {}: {} bytes uncompressed, more than the {} allowed", file_,
                                  member, declared, limits_.max_member_bytes));
  }
  if (declared > (1u << 20) && compressed > 0 && declared / compressed > limits_.max_ratio) {
    return Status::Corruption(TrF("{}：{}：压缩比 {}:1，超过允许的 {}:1（是否为“压缩炸弹”？）",
                                  "{}: {}: compressed {}:1, beyond the {}:1 allowed (a zip bomb?)",
                                  file_, member, declared / compressed, limits_.max_ratio));
  }
  if (total_read_ + declared > limits_.max_total_bytes) {
    return Status::Corruption(TrF("{}：解压后总计将超过 {} 字节",
                                  "{}: more than {} bytes in all would be read", file_,
                                  limits_.max_total_bytes));
  }
  const auto damaged = [&](std::string_view zh, std::string_view en) {
    return Status::Corruption(TrF("{}：{}：内容已损坏：{}", "{}: {}: damaged member: {}", file_,
                                  member, MessagesInChinese() ? zh : en));
  };
  if (e.flags & 1) return damaged("已加密", "encrypted");
  const uint64_t size = bytes_.size();
  if (!Inside(e.local, 30, size) || U32(bytes_, e.local) != kLocalHeader) {
    return damaged("本地文件头不在其位置", "its local header is not where the directory says");
  }
  const uint64_t data = e.local + 30 + U16(bytes_, e.local + 26) + U16(bytes_, e.local + 28);
  if (!Inside(data, compressed, size)) {
    return damaged("数据超出文件范围", "its data runs past the end of the file");
  }
  const std::string_view input = bytes_.substr(data, compressed);
  std::string out;
  if (e.method == 0) {  // stored
    if (compressed != declared) {
      return Status::Corruption(
          TrF("{}：{}：实际大小与文件头记载的 {} 字节不符",
              "{}: {}: the member's size does not match its header ({} declared)", file_, member,
              declared));
    }
    out.assign(input);
  } else if (e.method == 8) {  // deflated
    out.resize(static_cast<size_t>(declared));
    z_stream z{};
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK)
      return damaged("zlib 无法初始化", "zlib could not start");
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
    uint64_t in_left = input.size();
    uint64_t produced = 0;
    int rc = Z_OK;
    char extra = 0;
    bool overflow = false;
    // In chunks of at most 1 GiB (zlib counts in unsigned int); then one byte more, to learn
    // whether the member inflates beyond what its header declares.
    while (rc == Z_OK) {
      const uInt in_chunk = static_cast<uInt>(std::min<uint64_t>(in_left, 1u << 30));
      z.avail_in = in_chunk;
      if (produced < declared) {
        const uInt out_chunk = static_cast<uInt>(std::min<uint64_t>(declared - produced, 1u << 30));
        z.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
        z.avail_out = out_chunk;
        rc = inflate(&z, Z_NO_FLUSH);
        produced += out_chunk - z.avail_out;
      } else {
        z.next_out = reinterpret_cast<Bytef*>(&extra);
        z.avail_out = 1;
        rc = inflate(&z, Z_NO_FLUSH);
        if (z.avail_out == 0) overflow = true;
      }
      in_left -= in_chunk - z.avail_in;
      if (overflow) break;
      // Z_BUF_ERROR: no progress, which with room on both sides means the input ended early.
    }
    inflateEnd(&z);
    if (overflow || (rc == Z_STREAM_END && produced != declared)) {
      return Status::Corruption(
          TrF("{}：{}：实际大小与文件头记载的 {} 字节不符",
              "{}: {}: the member's size does not match its header ({} declared)", file_, member,
              declared));
    }
    if (rc != Z_STREAM_END) {
      return damaged(rc == Z_DATA_ERROR ? "压缩数据无效" : "压缩数据不完整",
                     rc == Z_DATA_ERROR ? "invalid compressed data" : "truncated compressed data");
    }
  } else {
    return damaged(fmt::format("不支持的压缩方法 {}（Office 文件只用 deflate）", e.method),
                   fmt::format("compression method {} is not supported (Office files use "
                               "deflate)",
                               e.method));
  }
  const uint32_t crc = static_cast<uint32_t>(
      crc32_z(crc32_z(0, Z_NULL, 0), reinterpret_cast<const Bytef*>(out.data()), out.size()));
  if (crc != e.crc) return damaged("CRC 校验不符", "CRC mismatch");
  total_read_ += out.size();
  return out;
}

bool LooksLikeZip(std::string_view bytes) {
  return bytes.size() >= 4 && bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4);
}

}  // namespace jixiao
