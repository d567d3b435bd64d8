// Zip archives made in memory (see zip_writer.h).
#include "render/zip_writer.h"

#include <zlib.h>

#include <limits>

#include "base/lang.h"

namespace jixiao {
namespace {

// 1980-01-01 00:00 in MS-DOS form.
constexpr uint16_t kDosTime = 0;
constexpr uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;
constexpr uint16_t kVersion = 20;         // 2.0: deflate
constexpr uint16_t kUtf8Names = 1 << 11;  // general purpose bit 11
constexpr uint16_t kStored = 0;
constexpr uint16_t kDeflated = 8;

void Put16(std::string* out, uint16_t v) {
  out->push_back(static_cast<char>(v & 0xFF));
  out->push_back(static_cast<char>(v >> 8));
}
void Put32(std::string* out, uint32_t v) {
  Put16(out, static_cast<uint16_t>(v & 0xFFFF));
  Put16(out, static_cast<uint16_t>(v >> 16));
}

constexpr uint64_t kMax32 = std::numeric_limits<uint32_t>::max();

}  // namespace

// The fields a member's local header and its central directory entry share, in their order:
// version needed, flags, method, time, date, CRC-32, sizes, the name's length, no extra field.
void ZipWriter::PutCommonFields(const Entry& e, std::string* out) {
  Put16(out, kVersion);
  Put16(out, kUtf8Names);
  Put16(out, e.method);
  Put16(out, kDosTime);
  Put16(out, kDosDate);
  Put32(out, e.crc);
  Put32(out, e.compressed);
  Put32(out, e.size);
  Put16(out, static_cast<uint16_t>(e.name.size()));
  Put16(out, 0);  // extra field
}

Status ZipWriter::Error(std::string_view detail) const {
  return Status::IOError(TrF("无法写出 {}：{}", "cannot write {}: {}", what_, detail));
}

Status ZipWriter::Add(std::string_view name, std::string_view data, bool compress) {
  if (entries_.size() >= 0xFFFF) {
    return Error(Tr("成员超过 65535 个", "more than 65,535 members"));
  }
  if (name.size() > 0xFFFF || data.size() >= kMax32 || out_.size() >= kMax32) {
    return Error(TrF("{}：超过 4 GiB，zip 容纳不下", "{}: beyond the 4 GiB a zip holds", name));
  }
  Entry e;
  e.name = std::string(name);
  e.size = static_cast<uint32_t>(data.size());
  e.crc = static_cast<uint32_t>(
      crc32_z(crc32_z(0, Z_NULL, 0), reinterpret_cast<const Bytef*>(data.data()), data.size()));
  e.offset = static_cast<uint32_t>(out_.size());

  std::string packed;
  std::string_view body = data;
  e.method = kStored;
  if (compress && !data.empty()) {
    z_stream z{};
    // Raw deflate (no zlib header) at the fastest level: level 6 took most of the writer's
    // time for XML parts a tenth smaller.
    if (deflateInit2(&z, 1, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
      return Error(TrF("{}：zlib 无法初始化", "{}: zlib could not start", name));
    }
    packed.resize(deflateBound(&z, static_cast<uLong>(data.size())));
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(packed.data());
    z.avail_out = static_cast<uInt>(packed.size());
    const int rc = deflate(&z, Z_FINISH);
    const uLong produced = z.total_out;
    deflateEnd(&z);
    if (rc != Z_STREAM_END) {
      return Error(TrF("{}：zlib 压缩失败（{}）", "{}: zlib failed to compress ({})", name, rc));
    }
    packed.resize(produced);
    // Stored when deflate does not make it smaller.
    if (packed.size() < data.size()) {
      body = packed;
      e.method = kDeflated;
    }
  }
  e.compressed = static_cast<uint32_t>(body.size());
  if (out_.size() + 30 + name.size() + body.size() >= kMax32) {
    return Error(TrF("{}：超过 4 GiB，zip 容纳不下", "{}: beyond the 4 GiB a zip holds", name));
  }

  Put32(&out_, 0x04034b50);
  PutCommonFields(e, &out_);
  out_.append(name);
  out_.append(body);
  entries_.push_back(std::move(e));
  return Status::Ok();
}

Result<std::string> ZipWriter::Finish() {
  const uint64_t directory = out_.size();
  for (const Entry& e : entries_) {
    Put32(&out_, 0x02014b50);
    Put16(&out_, kVersion);  // made by: MS-DOS, 2.0
    PutCommonFields(e, &out_);
    Put16(&out_, 0);  // comment
    Put16(&out_, 0);  // disk
    Put16(&out_, 0);  // internal attributes
    Put32(&out_, 0);  // external attributes
    Put32(&out_, e.offset);
    out_.append(e.name);
  }
  const uint64_t size = out_.size() - directory;
  if (directory >= kMax32 || out_.size() + 22 >= kMax32) {
    return Error(Tr("超过 4 GiB，zip 容纳不下", "beyond the 4 GiB a zip holds"));
  }
  Put32(&out_, 0x06054b50);
  Put16(&out_, 0);  // this disk
  Put16(&out_, 0);  // the directory's disk
  Put16(&out_, static_cast<uint16_t>(entries_.size()));
  Put16(&out_, static_cast<uint16_t>(entries_.size()));
  Put32(&out_, static_cast<uint32_t>(size));
  Put32(&out_, static_cast<uint32_t>(directory));
  Put16(&out_, 0);  // comment
  entries_.clear();
  std::string done = std::move(out_);
  out_.clear();
  return done;
}

}  // namespace jixiao
