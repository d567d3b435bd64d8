// Answers as gzip, from pieces compressed once and parts stored as they are (http_encoding.h).
#include "server/http_encoding.h"

#include <zlib.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "base/text.h"

namespace jixiao::server {
namespace {

// A gzip member's header: ID1 ID2, CM = deflate, no flags, no time, no extra flags, OS = Unix.
constexpr std::string_view kGzipHeader("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 10);

// Its trailer: the CRC-32 and the length modulo 2^32 of what it holds, little-endian.
void AppendGzipTrailer(std::string* out, uint32_t crc, uint64_t size) {
  for (const uint32_t v : {crc, static_cast<uint32_t>(size & 0xffffffffu)}) {
    for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  }
}

uint32_t Crc(uint32_t crc, std::string_view text) {
  // zlib's crc32 takes a uInt length: fed in slices for texts over 4 GB.
  while (!text.empty()) {
    const size_t n = std::min<size_t>(text.size(), 1u << 30);
    crc = static_cast<uint32_t>(
        crc32(crc, reinterpret_cast<const Bytef*>(text.data()), static_cast<uInt>(n)));
    text.remove_prefix(n);
  }
  return crc;
}

// Raw deflate of `text` ended by `flush` (Z_SYNC_FLUSH: byte-aligned, not final; Z_FINISH).
std::string RawDeflate(std::string_view text, int level, int flush) {
  z_stream z{};
  if (deflateInit2(&z, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("zlib: deflateInit2 failed");
  }
  std::unique_ptr<z_stream, int (*)(z_stream*)> end(&z, deflateEnd);
  std::string out;
  // deflateBound covers the stream; a sync flush adds at most a few bytes of empty block.
  out.resize(deflateBound(&z, static_cast<uLong>(text.size())) + 16);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  size_t written = 0;
  for (;;) {
    z.next_out = reinterpret_cast<Bytef*>(out.data() + written);
    z.avail_out = static_cast<uInt>(out.size() - written);
    const int rc = deflate(&z, flush);
    written = out.size() - z.avail_out;
    if (rc == Z_STREAM_END || (flush != Z_FINISH && rc == Z_OK && z.avail_out > 0)) break;
    if (rc != Z_OK && rc != Z_BUF_ERROR) throw std::runtime_error("zlib: deflate failed");
    out.resize(out.size() * 2);
  }
  out.resize(written);
  return out;
}

bool Compressible(std::string_view content_type) {
  return content_type.rfind("text/", 0) == 0 || content_type.rfind("image/svg+xml", 0) == 0;
}

}  // namespace

bool AcceptsGzip(std::string_view header) {
  // "gzip, deflate, br;q=1.0, zstd" — codings separated by commas, each with parameters.
  bool star = false, gzip = false, gzip_named = false;
  while (!header.empty()) {
    const size_t comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    const size_t semicolon = item.find(';');
    const std::string name = AsciiLowered(TrimBlank(item.substr(0, semicolon)));
    bool zero = false;
    if (semicolon != std::string_view::npos) {
      std::string params = AsciiLowered(item.substr(semicolon + 1));
      params.erase(std::remove_if(params.begin(), params.end(),
                                  [](char ch) { return ch == ' ' || ch == '\t'; }),
                   params.end());
      const size_t q = params.find("q=");
      if (q != std::string::npos) {
        // q=0, q=0.0, q=0.000 refuse the coding; anything else takes it.
        std::string_view value = std::string_view(params).substr(q + 2);
        value = value.substr(0, value.find(';'));
        zero = !value.empty() && value.find_first_not_of("0.") == std::string_view::npos;
      }
    }
    if (name == "gzip" || name == "x-gzip") {
      gzip_named = true;
      gzip = !zero;
    } else if (name == "*") {
      star = !zero;
    }
  }
  return gzip_named ? gzip : star;
}

DeflatedPiece Deflate(std::string text, int level) {
  DeflatedPiece p;
  p.deflated = RawDeflate(text, level, Z_SYNC_FLUSH);
  p.crc = Crc(0, text);
  p.text = std::move(text);
  return p;
}

GzipWriter::GzipWriter() : out_(kGzipHeader) {}

void GzipWriter::Stored(std::string_view text) {
  crc_ = Crc(crc_, text);
  size_ += text.size();
  while (!text.empty()) {
    const size_t n = std::min<size_t>(text.size(), 65535);
    // BFINAL 0, BTYPE 00 (the stream is byte-aligned here), LEN and its complement NLEN.
    out_.push_back('\0');
    out_.push_back(static_cast<char>(n & 0xff));
    out_.push_back(static_cast<char>(n >> 8));
    out_.push_back(static_cast<char>(~n & 0xff));
    out_.push_back(static_cast<char>((~n >> 8) & 0xff));
    out_.append(text.substr(0, n));
    text.remove_prefix(n);
  }
}

void GzipWriter::Deflated(const DeflatedPiece& piece) {
  crc_ = static_cast<uint32_t>(
      crc32_combine(crc_, piece.crc, static_cast<z_off_t>(piece.text.size())));
  size_ += piece.text.size();
  out_ += piece.deflated;
}

std::string GzipWriter::Finish() {
  // An empty stored block with BFINAL set ends the deflate stream.
  out_.append("\x01\x00\x00\xff\xff", 5);
  AppendGzipTrailer(&out_, crc_, size_);
  return std::move(out_);
}

std::string Gzip(std::string_view text, int level) {
  std::string out(kGzipHeader);
  out += RawDeflate(text, level, Z_FINISH);
  AppendGzipTrailer(&out, Crc(0, text), text.size());
  return out;
}

void SetEncodedBody(httplib::Response& res, std::shared_ptr<const std::string> body,
                    const std::string& content_type, const std::string& encoding) {
  res.body.clear();
  res.headers.erase("Content-Encoding");
  if (!encoding.empty()) res.set_header("Content-Encoding", encoding);
  res.headers.erase("Content-Type");
  if (body->empty()) {
    // httplib asserts a provider's length is above 0; an empty body needs no provider.
    res.set_header("Content-Type", content_type);
    return;
  }
  const size_t size = body->size();
  res.set_content_provider(
      size, content_type,
      [body = std::move(body)](size_t offset, size_t length, httplib::DataSink& sink) {
        return sink.write(body->data() + offset, length);
      });
}

void SetEncodedBody(httplib::Response& res, std::string body, const std::string& content_type,
                    const std::string& encoding) {
  SetEncodedBody(res, std::make_shared<const std::string>(std::move(body)), content_type, encoding);
}

void EncodeAnswer(const httplib::Request& req, httplib::Response& res) {
  if (res.body.empty()) return;  // nothing, or given already with SetEncodedBody
  const std::string type = res.get_header_value("Content-Type");
  std::string body = std::move(res.body);
  if (!Compressible(type)) return SetEncodedBody(res, std::move(body), type, "");
  res.set_header("Vary", "Accept-Encoding");
  if (body.size() >= 1024 && AcceptsGzip(req.get_header_value("Accept-Encoding"))) {
    return SetEncodedBody(res, Gzip(body, 1), type, "gzip");
  }
  SetEncodedBody(res, std::move(body), type, "");
}

}  // namespace jixiao::server
