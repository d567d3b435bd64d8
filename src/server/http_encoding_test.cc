#include "server/http_encoding.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <random>
#include <string>

namespace jixiao::server {
namespace {

// zlib's own inflate, reading a gzip member (the independent reader of what GzipWriter wrote).
std::string Gunzip(const std::string& gz, bool* ok) {
  z_stream z{};
  *ok = false;
  if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) return "";
  std::string out(1 << 16, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
  z.avail_in = static_cast<uInt>(gz.size());
  size_t written = 0;
  int rc = Z_OK;
  while (rc == Z_OK) {
    if (written == out.size()) out.resize(out.size() * 2);
    z.next_out = reinterpret_cast<Bytef*>(out.data() + written);
    z.avail_out = static_cast<uInt>(out.size() - written);
    rc = inflate(&z, Z_NO_FLUSH);
    written = out.size() - z.avail_out;
  }
  *ok = rc == Z_STREAM_END && z.avail_in == 0;
  inflateEnd(&z);
  out.resize(written);
  return out;
}

TEST(HttpEncoding, AcceptsGzipReadsCodingsAndTheirWeights) {
  EXPECT_TRUE(AcceptsGzip("gzip"));
  EXPECT_TRUE(AcceptsGzip("gzip, deflate, br, zstd"));  // Chromium
  EXPECT_TRUE(AcceptsGzip("deflate, GZip;q=0.5"));
  EXPECT_TRUE(AcceptsGzip("x-gzip"));
  EXPECT_TRUE(AcceptsGzip("*"));
  EXPECT_TRUE(AcceptsGzip("br;q=1.0, gzip ; q=0.8"));
  EXPECT_FALSE(AcceptsGzip(""));
  EXPECT_FALSE(AcceptsGzip("identity"));
  EXPECT_FALSE(AcceptsGzip("br"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0"));
  EXPECT_FALSE(AcceptsGzip("gzip; q=0.000, br"));
  EXPECT_FALSE(AcceptsGzip("*;q=0"));
  EXPECT_FALSE(AcceptsGzip("*, gzip;q=0"));  // named beats the wildcard
  EXPECT_FALSE(AcceptsGzip("gzipx, ungzip"));
}

TEST(HttpEncoding, PiecesAndStoredPartsMakeOneGzipMember) {
  std::mt19937 rng(20261207);
  const std::string words[] = {"执行率", "<td>", "124.98", "预算", "\"", " ", "\n", "<input>"};
  auto text = [&](size_t n) {
    std::string s;
    while (s.size() < n) s += words[rng() % std::size(words)];
    return s;
  };
  for (int round = 0; round < 20; ++round) {
    GzipWriter w;
    std::string expected;
    std::vector<DeflatedPiece> kept;
    kept.reserve(8);
    const int parts = 1 + static_cast<int>(rng() % 8);
    for (int i = 0; i < parts; ++i) {
      // Empty parts, parts over a stored block's 65,535 bytes, and pieces at any level.
      const size_t n = rng() % 4 == 0 ? 0 : rng() % 3 == 0 ? 70000 + rng() % 70000 : rng() % 5000;
      std::string t = text(n);
      expected += t;
      if (rng() % 2 == 0) {
        w.Stored(t);
      } else {
        kept.push_back(Deflate(t, static_cast<int>(1 + rng() % 9)));
        EXPECT_EQ(kept.back().text, t);
        w.Deflated(kept.back());
      }
    }
    const std::string gz = w.Finish();
    bool ok = false;
    EXPECT_EQ(Gunzip(gz, &ok), expected) << "round " << round;
    EXPECT_TRUE(ok) << "round " << round;
  }
}

TEST(HttpEncoding, AKeptPieceIsSmallerThanItsText) {
  std::string page;
  for (int i = 0; i < 2000; ++i) page += "<tr><td>项目支出</td><td>124.98</td></tr>";
  const DeflatedPiece p = Deflate(page);
  EXPECT_LT(p.deflated.size() * 10, page.size());
  GzipWriter w;
  w.Deflated(p);
  bool ok = false;
  EXPECT_EQ(Gunzip(w.Finish(), &ok), page);
  EXPECT_TRUE(ok);
}

TEST(HttpEncoding, GzipOfAWholeTextReadsBack) {
  for (const std::string& t : {std::string(), std::string("ok\n"), std::string(300000, 'x')}) {
    bool ok = false;
    EXPECT_EQ(Gunzip(Gzip(t, 1), &ok), t);
    EXPECT_TRUE(ok);
  }
}

}  // namespace
}  // namespace jixiao::server
