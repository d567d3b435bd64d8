// LruCache: hits, the least recently used dropped first, replacement, values outliving eviction,
// and concurrent use (lru_cache.h).
#include "base/lru_cache.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace jixiao {
namespace {

TEST(LruCache, DropsTheLeastRecentlyUsed) {
  LruCache<int> cache(2);
  cache.Put("a", std::make_shared<const int>(1));
  cache.Put("b", std::make_shared<const int>(2));
  ASSERT_NE(cache.Get("a"), nullptr);  // "a" is now the most recent; "b" goes first
  cache.Put("c", std::make_shared<const int>(3));
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_EQ(cache.Get("b"), nullptr);
  EXPECT_EQ(*cache.Get("a"), 1);
  EXPECT_EQ(*cache.Get("c"), 3);
  EXPECT_EQ(cache.hits(), 3u);
  EXPECT_EQ(cache.misses(), 1u);
}

TEST(LruCache, PutReplacesAndRefreshes) {
  LruCache<std::string> cache(2);
  cache.Put("a", std::make_shared<const std::string>("old"));
  cache.Put("b", std::make_shared<const std::string>("b"));
  cache.Put("a", std::make_shared<const std::string>("new"));  // "a" most recent again
  cache.Put("c", std::make_shared<const std::string>("c"));
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_EQ(*cache.Get("a"), "new");
  EXPECT_EQ(cache.Get("b"), nullptr);
}

TEST(LruCache, AValueInUseOutlivesItsEviction) {
  LruCache<std::string> cache(1);
  cache.Put("a", std::make_shared<const std::string>("kept by its reader"));
  std::shared_ptr<const std::string> held = cache.Get("a");
  cache.Put("b", std::make_shared<const std::string>("b"));
  EXPECT_EQ(cache.Get("a"), nullptr);
  EXPECT_EQ(*held, "kept by its reader");
}

TEST(LruCache, ZeroCapacityKeepsOne) {
  LruCache<int> cache(0);
  cache.Put("a", std::make_shared<const int>(1));
  EXPECT_EQ(*cache.Get("a"), 1);
}

TEST(LruCache, ManyThreads) {
  LruCache<int> cache(16);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&cache, t] {
      for (int i = 0; i < 2000; ++i) {
        const std::string key = std::to_string((i * 7 + t) % 40);
        std::shared_ptr<const int> v = cache.Get(key);
        if (v) {
          EXPECT_EQ(std::to_string(*v), key);
        } else {
          cache.Put(key, std::make_shared<const int>(std::stoi(key)));
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_LE(cache.size(), 16u);
  EXPECT_EQ(cache.hits() + cache.misses(), 8000u);
}

}  // namespace
}  // namespace jixiao
