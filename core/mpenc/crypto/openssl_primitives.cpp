// SHA-256 and AES-CTR on OpenSSL 3 libcrypto (a private
// dependency: its headers appear only here). Every OpenSSL handle is owned by
// a unique_ptr with the matching free function.
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <algorithm>
#include <climits>
#include <memory>
#include <stdexcept>
#include <string_view>

#include "mpenc/crypto/primitives.h"
#include "mpenc/crypto/test_only.h"

namespace mpenc::crypto {

namespace {

template <class T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const noexcept { Free(p); }
};
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;
using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, Deleter<EVP_CIPHER_CTX, EVP_CIPHER_CTX_free>>;

[[noreturn]] void opensslFail(const char* what) {
  throw std::runtime_error(what);
}

using MdPtr = std::unique_ptr<EVP_MD, Deleter<EVP_MD, EVP_MD_free>>;
using CipherPtr = std::unique_ptr<EVP_CIPHER, Deleter<EVP_CIPHER, EVP_CIPHER_free>>;

// OpenSSL 3 implicit fetches (EVP_sha256(), EVP_KDF_fetch per call) search the
// provider store every time; fetch once (thread-safe static init) and reuse.
// The fetched objects are reference-counted and safe to share across threads.
const EVP_MD* sha256Md() {
  static const MdPtr md(EVP_MD_fetch(nullptr, "SHA256", nullptr));
  if (!md) opensslFail("SHA-256: EVP_MD_fetch failed");
  return md.get();
}
const EVP_CIPHER* cipher(const char* name) {
  static const CipherPtr aes256(EVP_CIPHER_fetch(nullptr, "AES-256-CTR", nullptr));
  static const CipherPtr aes128(EVP_CIPHER_fetch(nullptr, "AES-128-CTR", nullptr));
  const EVP_CIPHER* c = std::string_view(name) == "AES-256-CTR" ? aes256.get() : aes128.get();
  if (c == nullptr) opensslFail("AES-CTR: EVP_CIPHER_fetch failed");
  return c;
}

Bytes ctrXor(const EVP_CIPHER* cipher, const std::uint8_t* key, const FixedBytes<16>& iv, ByteView data) {
  CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  if (!ctx) opensslFail("AES-CTR: EVP_CIPHER_CTX_new failed");
  if (EVP_EncryptInit_ex(ctx.get(), cipher, nullptr, key, iv.data()) != 1)
    opensslFail("AES-CTR: init failed");
  Bytes out(data.size());
  std::size_t done = 0;
  while (done < data.size()) {
    const std::size_t chunk = std::min<std::size_t>(data.size() - done, INT_MAX / 2);
    int produced = 0;
    if (EVP_EncryptUpdate(ctx.get(), out.data() + done, &produced, data.data() + done,
                          static_cast<int>(chunk)) != 1 ||
        produced != static_cast<int>(chunk)) {
      opensslFail("AES-CTR: update failed");
    }
    done += chunk;
  }
  return out;
}

}  // namespace

namespace detail {
// Called by initialize(): OpenSSL's first fetches (the provider store, the
// cipher and digest looked up by name) cost about a millisecond once per
// process; pay it here rather than inside the first message. Inputs are
// public constants.
bool prefetchOpenSsl() noexcept {
  try {
    static_cast<void>(cipher("AES-256-CTR"));
    static_cast<void>(sha256(asBytes("mpenc")));
    return true;
  } catch (...) {
    return false;
  }
}
}  // namespace detail

// ---- SHA-256 ----------------------------------------------------------------

Sha256Digest sha256(ByteView data) {
  Sha256 h;
  h.update(data);
  return h.finish();
}

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()) {
  if (ctx_ == nullptr) opensslFail("SHA-256: EVP_MD_CTX_new failed");
  if (EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(ctx_), sha256Md(), nullptr) != 1) {
    EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(ctx_));
    opensslFail("SHA-256: init failed");
  }
}

Sha256::~Sha256() {
  EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(ctx_));
}

Sha256& Sha256::update(ByteView data) {
  if (!data.empty() && EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(ctx_), data.data(), data.size()) != 1) {
    opensslFail("SHA-256: update failed");
  }
  return *this;
}

Sha256Digest Sha256::finish() {
  Sha256Digest out{};
  unsigned int len = 0;
  auto* ctx = static_cast<EVP_MD_CTX*>(ctx_);
  if (EVP_DigestFinal_ex(ctx, out.data(), &len) != 1 || len != out.size())
    opensslFail("SHA-256: final failed");
  // Ready for reuse.
  if (EVP_DigestInit_ex(ctx, sha256Md(), nullptr) != 1) opensslFail("SHA-256: reinit failed");
  return out;
}

// ---- AES-CTR --------------------------------------------------------------------

Bytes aes256Ctr(std::span<const std::uint8_t, 32> key, const FixedBytes<16>& iv, ByteView data) {
  return ctrXor(cipher("AES-256-CTR"), key.data(), iv, data);
}

namespace testonly {
Bytes aes128CtrLegacy(std::span<const std::uint8_t, 16> key, const FixedBytes<16>& iv, ByteView data) {
  return ctrXor(cipher("AES-128-CTR"), key.data(), iv, data);
}
}  // namespace testonly

}  // namespace mpenc::crypto
