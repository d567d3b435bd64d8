// ZipArchive over libzip, reading from memory with size and ratio caps.
//
// libzip is opened with dlopen when the first archive is read, not linked: it brings libcrypto
// and libbz2 with it, whose relocations alone take about 5 ms at every start, and most runs of
// `jixiao check` and `score` read no DOCX or XLSX at all (docs/performance.md, cold start). Its
// soname is the one found at build time (JIXIAO_LIBZIP_SONAME, CMakeLists.txt); the functions
// keep the types of <zip.h>.
#include "import/zip_archive.h"

#include <dlfcn.h>
#include <fmt/format.h>
#include <zip.h>

#include "base/lang.h"

#ifndef JIXIAO_LIBZIP_SONAME
#define JIXIAO_LIBZIP_SONAME "libzip.so.4"
#endif

namespace jixiao {
namespace {

#define JIXIAO_LIBZIP_FUNCTIONS(X) \
  X(zip_close)                     \
  X(zip_discard)                   \
  X(zip_error_fini)                \
  X(zip_error_init)                \
  X(zip_error_strerror)            \
  X(zip_fclose)                    \
  X(zip_file_strerror)             \
  X(zip_fopen_index)               \
  X(zip_fread)                     \
  X(zip_get_name)                  \
  X(zip_get_num_entries)           \
  X(zip_name_locate)               \
  X(zip_open_from_source)          \
  X(zip_source_buffer_create)      \
  X(zip_source_free)               \
  X(zip_stat_index)                \
  X(zip_stat_init)                 \
  X(zip_strerror)

// The functions of libzip this file calls, loaded once; `error` says why when they are not.
struct LibZip {
#define JIXIAO_DECLARE(f) decltype(&::f) f = nullptr;
  JIXIAO_LIBZIP_FUNCTIONS(JIXIAO_DECLARE)
#undef JIXIAO_DECLARE
  std::string error;
};

const LibZip& Lib() {
  static const LibZip lib = [] {
    LibZip z;
    void* handle = ::dlopen(JIXIAO_LIBZIP_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      const char* why = ::dlerror();
      z.error = why != nullptr ? why : JIXIAO_LIBZIP_SONAME;
      return z;
    }
#define JIXIAO_LOAD(f)                                                 \
  z.f = reinterpret_cast<decltype(&::f)>(::dlsym(handle, #f));         \
  if (z.f == nullptr) {                                                \
    z.error = std::string(JIXIAO_LIBZIP_SONAME ": no function ") + #f; \
    return z;                                                          \
  }
    JIXIAO_LIBZIP_FUNCTIONS(JIXIAO_LOAD)
#undef JIXIAO_LOAD
    return z;
  }();
  return lib;
}

}  // namespace

Result<std::unique_ptr<ZipArchive>> ZipArchive::Open(std::string_view bytes, std::string file,
                                                     ZipLimits limits) {
  if (!LooksLikeZip(bytes)) {
    return Status::InvalidArgument(TrF("{}：不是 zip 压缩包（没有 PK 标志）",
                                       "{}: not a zip archive (no PK signature)", file));
  }
  if (!Lib().error.empty()) {
    return Status::IOError(TrF("{}：无法载入 libzip 读取压缩包：{}",
                               "{}: cannot load libzip to read the archive: {}", file,
                               Lib().error));
  }
  zip_error_t error;
  Lib().zip_error_init(&error);
  zip_source_t* source = Lib().zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    const std::string what = Lib().zip_error_strerror(&error);
    Lib().zip_error_fini(&error);
    return Status::IOError(
        TrF("{}：无法读取压缩包：{}", "{}: cannot read the archive: {}", file, what));
  }
  zip_t* archive = Lib().zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (archive == nullptr) {
    const std::string what = Lib().zip_error_strerror(&error);
    Lib().zip_source_free(source);
    Lib().zip_error_fini(&error);
    return Status::Corruption(
        TrF("{}：zip 压缩包已损坏：{}", "{}: damaged zip archive: {}", file, what));
  }
  Lib().zip_error_fini(&error);
  const zip_int64_t count = Lib().zip_get_num_entries(archive, 0);
  if (count < 0 || static_cast<uint64_t>(count) > limits.max_members) {
    Lib().zip_close(archive);
    return Status::Corruption(TrF("{}：压缩包内有 {} 个文件，超过允许的 {} 个",
                                  "{}: the archive has {} members, more than the {} allowed", file,
                                  count, limits.max_members));
  }
  return std::unique_ptr<ZipArchive>(new ZipArchive(archive, std::move(file), limits));
}

ZipArchive::~ZipArchive() {
  if (archive_ != nullptr) Lib().zip_discard(archive_);
}

bool ZipArchive::Has(const std::string& member) const {
  return Lib().zip_name_locate(archive_, member.c_str(), 0) >= 0;
}

std::vector<std::string> ZipArchive::Members() const {
  std::vector<std::string> names;
  const zip_int64_t count = Lib().zip_get_num_entries(archive_, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    if (const char* name = Lib().zip_get_name(archive_, static_cast<zip_uint64_t>(i), 0)) {
      names.emplace_back(name);
    }
  }
  return names;
}

Result<std::string> ZipArchive::Read(const std::string& member) {
  const zip_int64_t index = Lib().zip_name_locate(archive_, member.c_str(), 0);
  if (index < 0) {
    return Status::NotFound(TrF("{}：压缩包内没有 {}", "{}: no member {}", file_, member));
  }
  zip_stat_t st;
  Lib().zip_stat_init(&st);
  if (Lib().zip_stat_index(archive_, static_cast<zip_uint64_t>(index), 0, &st) != 0 ||
      !(st.valid & ZIP_STAT_SIZE)) {
    return Status::Corruption(
        TrF("{}：{}：无法读取其大小", "{}: {}: cannot read the member's size", file_, member));
  }
  const uint64_t declared = st.size;
  const uint64_t compressed = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
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
  zip_file_t* f = Lib().zip_fopen_index(archive_, static_cast<zip_uint64_t>(index), 0);
  if (f == nullptr) {
    return Status::Corruption(
        TrF("{}：{}：{}", "{}: {}: {}", file_, member, Lib().zip_strerror(archive_)));
  }
  std::string out;
  out.resize(static_cast<size_t>(declared));
  uint64_t got = 0;
  while (got < declared) {
    const zip_int64_t n = Lib().zip_fread(f, out.data() + got, declared - got);
    if (n < 0) {
      const std::string what = Lib().zip_file_strerror(f);
      Lib().zip_fclose(f);
      return Status::Corruption(
          TrF("{}：{}：内容已损坏：{}", "{}: {}: damaged member: {}", file_, member, what));
    }
    if (n == 0) break;
    got += static_cast<uint64_t>(n);
  }
  // A member must not inflate beyond what its header declares.
  char extra;
  const zip_int64_t more = Lib().zip_fread(f, &extra, 1);
  const std::string after = more < 0 ? Lib().zip_file_strerror(f) : "";
  Lib().zip_fclose(f);
  if (more < 0) {  // e.g. a CRC mismatch, reported at the end of the data
    return Status::Corruption(
        TrF("{}：{}：内容已损坏：{}", "{}: {}: damaged member: {}", file_, member, after));
  }
  if (got != declared || more > 0) {
    return Status::Corruption(
        TrF("{}：{}：实际大小与文件头记载的 {} 字节不符",
            "{}: {}: the member's size does not match its header ({} declared)", file_, member,
            declared));
  }
  total_read_ += got;
  return out;
}

bool LooksLikeZip(std::string_view bytes) {
  return bytes.size() >= 4 && bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4);
}

}  // namespace jixiao
