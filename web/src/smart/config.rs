//! `config.json` beside `index.html`: which record systems (FHIR servers, by their `iss`) may
//! launch this copy of IEC-Tox, the client id registered with each, and the redirect path.
//! Only the launch page reads it; without it, SMART launch is off and nothing is requested.
//!
//! ```json
//! { "smart": {
//!     "redirect_path": "./",
//!     "issuers": [ { "iss": "https://fhir.hospital.example/r4", "client_id": "iectox",
//!                    "name": "Hospital EHR", "standalone": true } ] } }
//! ```

use serde::Deserialize;

/// Where the launch page reads the configuration, relative to the app's base URL.
pub const CONFIG_PATH: &str = "config.json";

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// Absent: the file exists but SMART launch is not configured (other settings may follow).
    #[serde(default)]
    pub smart: Option<SmartConfig>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmartConfig {
    /// The redirect URI registered with every issuer's authorization server, relative to the
    /// app's base URL (`"./"`: the app itself). The app must be served there.
    #[serde(default = "default_redirect_path")]
    pub redirect_path: String,
    pub issuers: Vec<Issuer>,
}

fn default_redirect_path() -> String {
    "./".into()
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Issuer {
    /// The FHIR base URL exactly as the EHR sends it in `iss`.
    pub iss: String,
    /// The public client id registered for IEC-Tox with this issuer's authorization server.
    pub client_id: String,
    /// Shown to the user (standalone launch button, messages).
    #[serde(default)]
    pub name: Option<String>,
    /// Offer this issuer for a launch started from IEC-Tox itself (`#/launch`).
    #[serde(default)]
    pub standalone: bool,
}

impl Issuer {
    pub fn label(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.iss)
    }
}

/// Why `config.json` cannot be used (the message names the field and the problem).
#[derive(Clone, Debug, PartialEq)]
pub struct ConfigError(pub String);

/// An `iss` with its trailing slashes removed: `…/r4` and `…/r4/` are the same server.
pub fn normalize_iss(iss: &str) -> &str {
    iss.trim_end_matches('/')
}

/// `https:`, or `http:` only to this machine (a test EHR): a token is never sent in clear
/// over a network.
pub fn is_allowed_url(url: &str) -> bool {
    let Some((scheme, rest)) = url.split_once("://") else {
        return false;
    };
    let host = rest
        .split(['/', '?', '#'])
        .next()
        .unwrap_or("")
        .rsplit('@')
        .next()
        .unwrap_or("");
    let host = if host.starts_with('[') {
        host.split(']')
            .next()
            .map(|h| format!("{h}]"))
            .unwrap_or_default()
    } else {
        host.split(':').next().unwrap_or("").to_string()
    };
    match scheme.to_ascii_lowercase().as_str() {
        "https" => !host.is_empty(),
        "http" => matches!(host.as_str(), "127.0.0.1" | "localhost" | "[::1]"),
        _ => false,
    }
}

impl SmartConfig {
    /// Parses and checks `config.json`. `Ok(None)`: a valid file without a `smart` section.
    pub fn parse(text: &str) -> Result<Option<SmartConfig>, ConfigError> {
        let file: ConfigFile =
            serde_json::from_str(text).map_err(|e| ConfigError(format!("config.json: {e}")))?;
        let Some(smart) = file.smart else {
            return Ok(None);
        };
        for (i, issuer) in smart.issuers.iter().enumerate() {
            if !is_allowed_url(&issuer.iss) {
                return Err(ConfigError(format!(
                    "config.json: smart.issuers[{i}].iss \"{}\" must be an https URL (http only for 127.0.0.1 or localhost)",
                    issuer.iss
                )));
            }
            if issuer.client_id.trim().is_empty() {
                return Err(ConfigError(format!(
                    "config.json: smart.issuers[{i}].client_id is empty"
                )));
            }
        }
        if smart.redirect_path.contains('#') {
            return Err(ConfigError(
                "config.json: smart.redirect_path must not contain '#' (OAuth redirect URIs have no fragment)".into(),
            ));
        }
        Ok(Some(smart))
    }

    /// The configured issuer this `iss` names, if any (exact URL, trailing slash ignored).
    pub fn issuer(&self, iss: &str) -> Option<&Issuer> {
        self.issuers
            .iter()
            .find(|i| normalize_iss(&i.iss) == normalize_iss(iss))
    }

    /// The issuers offered for a standalone launch.
    pub fn standalone_issuers(&self) -> impl Iterator<Item = &Issuer> {
        self.issuers.iter().filter(|i| i.standalone)
    }
}
