// SHA-256, HKDF-SHA256 and AES-CTR on OpenSSL 3 libcrypto (a private
// dependency: its headers appear only here). Every OpenSSL handle is owned by
// a unique_ptr with the matching free function.
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
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
using KdfPtr = std::unique_ptr<EVP_KDF, Deleter<EVP_KDF, EVP_KDF_free>>;
using KdfCtxPtr = std::unique_ptr<EVP_KDF_CTX, Deleter<EVP_KDF_CTX, EVP_KDF_CTX_free>>;

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
// Note: OpenSSL 3.0's HKDF runs its HMACs through one-shot calls that fetch
// HMAC and the digest by name each time (~0.3 ms per derivation). That is
// irrelevant here (one derivation per membership operation), so we keep the
// library's HKDF rather than hand-rolling RFC 5869; EVP_KDF_CTX_dup is not
// implemented for HKDF in 3.0, so the context is made per call.
EVP_KDF* hkdf() {
  static const KdfPtr kdf(EVP_KDF_fetch(nullptr, OSSL_KDF_NAME_HKDF, nullptr));
  if (!kdf) opensslFail("HKDF: EVP_KDF_fetch failed");
  return kdf.get();
}

// OpenSSL wants a non-null pointer even for empty inputs.
const unsigned char* nonNull(ByteView b) noexcept {
  static const unsigned char kEmpty = 0;
  return b.empty() ? &kEmpty : b.data();
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
// Called by initialize(): OpenSSL's first fetches (the provider store, and
// inside HKDF the HMAC and digest it looks up by name) cost about a
// millisecond once per process; pay it here rather than inside the first
// membership operation. Inputs are public constants.
bool prefetchOpenSsl() noexcept {
  try {
    static_cast<void>(cipher("AES-256-CTR"));
    static_cast<void>(sha256(asBytes("mpenc")));
    static_cast<void>(hkdfSha256(asBytes("mpenc"), {}, asBytes("mpenc"), 32));
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

// ---- HKDF-SHA256 ------------------------------------------------------------

SecretBytes hkdfSha256(ByteView ikm, ByteView salt, ByteView info, std::size_t length) {
  if (length > std::size_t{255} * 32) throw std::invalid_argument("hkdfSha256: length > 255*HashLen");
  SecretBytes out(length);
  if (length == 0) return out;

  KdfCtxPtr ctx(EVP_KDF_CTX_new(hkdf()));
  if (!ctx) opensslFail("HKDF: EVP_KDF_CTX_new failed");

  char digest[] = "SHA256";
  // OSSL_PARAM takes non-const pointers but only reads the inputs.
  auto* ikmP = const_cast<unsigned char*>(nonNull(ikm));    // NOLINT(cppcoreguidelines-pro-type-const-cast)
  auto* saltP = const_cast<unsigned char*>(nonNull(salt));  // NOLINT
  auto* infoP = const_cast<unsigned char*>(nonNull(info));  // NOLINT
  OSSL_PARAM params[5];
  std::size_t n = 0;
  params[n++] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0);
  params[n++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, ikmP, ikm.size());
  // An absent salt is, per RFC 5869, HashLen zero bytes; OpenSSL does that when unset.
  if (!salt.empty()) params[n++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, saltP, salt.size());
  if (!info.empty()) params[n++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, infoP, info.size());
  params[n] = OSSL_PARAM_construct_end();

  if (EVP_KDF_derive(ctx.get(), out.mutableView().data(), length, params) != 1)
    opensslFail("HKDF: derive failed");
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
