// How the server's answers are encoded on the wire. Clients that accept gzip get gzip; nothing
// else is offered, and httplib's own compression is never used: Debian's cpp-httplib compresses
// every text answer with brotli at its default quality (11) when the client accepts "br", as
// every browser does — about 200 ms of CPU for the 145 KB editor page.
//
// A page can be sent as gzip without compressing it on every request: the parts that depend only
// on the version (the editor's tables, its findings) are compressed once into DeflatedPieces and
// kept; a GzipWriter joins them with the parts that change per request, stored uncompressed (a
// copy and a CRC). The result is one ordinary gzip member.
#pragma once

#include <httplib.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace jixiao::server {

// Whether an Accept-Encoding header value takes gzip: a "gzip" (or "x-gzip", or "*") coding
// whose q is not 0. Names are case-insensitive.
bool AcceptsGzip(std::string_view accept_encoding);

// A piece of an answer compressed once: raw deflate blocks, none of them final, ending on a byte
// boundary (a sync flush), so that it can stand anywhere in a GzipWriter's stream.
struct DeflatedPiece {
  std::string text;      // the piece itself, for a client that takes no gzip
  std::string deflated;  // `text` as raw deflate blocks
  uint32_t crc = 0;      // CRC-32 of `text`
};
DeflatedPiece Deflate(std::string text, int level = 6);

// One gzip member written from pieces, in order.
class GzipWriter {
 public:
  GzipWriter();
  // `text` as stored (uncompressed) deflate blocks.
  void Stored(std::string_view text);
  void Deflated(const DeflatedPiece& piece);
  // The final block, the CRC and the length; the writer is spent.
  std::string Finish();

 private:
  std::string out_;
  uint32_t crc_ = 0;
  uint64_t size_ = 0;
};

// `text` compressed whole as one gzip member.
std::string Gzip(std::string_view text, int level);

// Sends `body` exactly as given (with Content-Encoding `encoding` unless empty): through a
// content provider, which httplib does not compress. Content-Length is set by httplib. The
// shared form sends bytes kept for many answers (the assets) without copying them.
void SetEncodedBody(httplib::Response& res, std::string body, const std::string& content_type,
                    const std::string& encoding);
void SetEncodedBody(httplib::Response& res, std::shared_ptr<const std::string> body,
                    const std::string& content_type, const std::string& encoding);

// Settles the encoding of an answer a handler made with a plain body: gzip (at the fastest
// level) for a text/* or SVG answer of 1 KB or more when the client accepts it, else the body as
// it is — never httplib's brotli. JSON stays as it is (the live check's answers: compressing
// them would add a tenth to the CPU of each check). An answer already given with SetEncodedBody
// is left alone.
void EncodeAnswer(const httplib::Request& req, httplib::Response& res);

}  // namespace jixiao::server
