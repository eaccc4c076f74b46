//! Files in and out of the app: a download made in the page (nothing leaves the device but
//! through the browser's own download), and the text of a file the user picked.

use wasm_bindgen::{JsCast, JsValue};

/// Offers `text` as a file named `name` (a `blob:` URL of this page, revoked after use).
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = gloo::utils::document();
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(name);
    a.set_hidden(true);
    let body = document.body().ok_or("no body")?;
    body.append_child(&a)?;
    a.click();
    body.remove_child(&a)?;
    web_sys::Url::revoke_object_url(&url)
}

/// The text of a file the user picked.
pub async fn read_text(file: web_sys::File) -> Result<String, JsValue> {
    let text = wasm_bindgen_futures::JsFuture::from(file.text()).await?;
    text.as_string().ok_or_else(|| "not text".into())
}

/// `YYYY-MM-DD` of a time, in this browser's time zone (for file names).
pub fn local_date(ms: i64) -> String {
    let ms = ms as f64;
    crate::summary::local_time(ms, crate::summary::browser_offset(ms))
        .chars()
        .take(10)
        .collect()
}

/// A time for reading: local date and time with the UTC offset.
pub fn local_datetime(ms: i64) -> String {
    let ms = ms as f64;
    crate::summary::local_time(ms, crate::summary::browser_offset(ms))
}
