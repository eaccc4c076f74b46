//! PKCE (RFC 7636, S256 only) and the `state` parameter: random values from
//! `crypto.getRandomValues`, the challenge from `crypto.subtle.digest("SHA-256")`.

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// Base64url without padding (RFC 4648 §5), as PKCE and OAuth `state` use it.
pub fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        let chars = chunk.len() + 1;
        for i in 0..chars {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
        }
    }
    out
}

fn crypto() -> Result<web_sys::Crypto, JsValue> {
    gloo::utils::window().crypto()
}

/// `n` bytes from the browser's CSPRNG, base64url-encoded.
pub fn random_token(n: usize) -> Result<String, JsValue> {
    let mut bytes = vec![0u8; n];
    crypto()?.get_random_values_with_u8_array(&mut bytes)?;
    Ok(base64url(&bytes))
}

/// A new code verifier: 32 random bytes → 43 characters, the length RFC 7636 §4.1 recommends.
pub fn new_verifier() -> Result<String, JsValue> {
    random_token(32)
}

/// A new `state`: 16 random bytes (128 bits), unguessable by another site.
pub fn new_state() -> Result<String, JsValue> {
    random_token(16)
}

/// The S256 code challenge: base64url(SHA-256(ASCII(verifier))).
pub async fn challenge_s256(verifier: &str) -> Result<String, JsValue> {
    let promise = crypto()?
        .subtle()
        .digest_with_str_and_u8_array("SHA-256", verifier.as_bytes())?;
    let digest = JsFuture::from(promise).await?;
    Ok(base64url(&js_sys::Uint8Array::new(&digest).to_vec()))
}

/// Whether the `state` that came back is the one sent (compared in constant time, so its
/// timing tells nothing about a guess).
pub fn state_matches(expected: &str, received: &str) -> bool {
    if expected.is_empty() || expected.len() != received.len() {
        return false;
    }
    expected
        .bytes()
        .zip(received.bytes())
        .fold(0u8, |acc, (a, b)| acc | (a ^ b))
        == 0
}
