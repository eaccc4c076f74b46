//! `{iss}/.well-known/smart-configuration` (SMART App Launch 2.0 §2.8): the endpoints, PKCE
//! support and capabilities; and the scopes IEC-Tox asks for, the least it needs, in SMART v2
//! syntax when the server declares `permission-v2`, else in v1 syntax.

use serde::Deserialize;

use super::config::is_allowed_url;

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct SmartConfiguration {
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    #[serde(default)]
    pub issuer: Option<String>,
    #[serde(default)]
    pub capabilities: Vec<String>,
    /// Absent on some SMART v1 servers (then S256 is tried); present without S256: refused.
    #[serde(default)]
    pub code_challenge_methods_supported: Option<Vec<String>>,
}

/// How the app was launched: from inside the EHR (with its `launch` value) or by itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LaunchKind {
    Ehr,
    Standalone,
}

/// Why a smart-configuration cannot be used.
#[derive(Clone, Debug, PartialEq)]
pub enum DiscoveryError {
    /// Not JSON, or a required field missing (serde's message).
    Malformed(String),
    /// An endpoint that is not https (or loopback http).
    InsecureEndpoint(String),
    /// `code_challenge_methods_supported` without `S256`.
    NoS256,
}

impl SmartConfiguration {
    pub fn parse(text: &str) -> Result<SmartConfiguration, DiscoveryError> {
        let c: SmartConfiguration =
            serde_json::from_str(text).map_err(|e| DiscoveryError::Malformed(e.to_string()))?;
        for endpoint in [&c.authorization_endpoint, &c.token_endpoint] {
            if !is_allowed_url(endpoint) {
                return Err(DiscoveryError::InsecureEndpoint(endpoint.clone()));
            }
        }
        if let Some(methods) = &c.code_challenge_methods_supported {
            if !methods.iter().any(|m| m == "S256") {
                return Err(DiscoveryError::NoS256);
            }
        }
        Ok(c)
    }

    /// SMART v2 scopes (`.rs`) only when the server says it understands them.
    pub fn supports_v2(&self) -> bool {
        self.capabilities.iter().any(|c| c == "permission-v2")
    }

    /// The scope string to request: the launch context and read/search on the three
    /// resource types IEC-Tox reads. No `openid`/`fhirUser`/`offline_access`: IEC-Tox never
    /// needs to know who the user is, and reads once (no refresh token).
    pub fn scope(&self, kind: LaunchKind) -> String {
        let context = match kind {
            LaunchKind::Ehr => "launch",
            LaunchKind::Standalone => "launch/patient",
        };
        let resources: &[&str] = if self.supports_v2() {
            &[
                "patient/Observation.rs",
                "patient/Patient.r",
                "patient/MedicationAdministration.rs",
            ]
        } else {
            &[
                "patient/Observation.read",
                "patient/Patient.read",
                "patient/MedicationAdministration.read",
            ]
        };
        let mut s = String::from(context);
        for r in resources {
            s.push(' ');
            s.push_str(r);
        }
        s
    }
}

/// Whether a granted scope string lets the app read (`r`) or search (`s`) this resource type
/// in the patient compartment. Understands v2 (`patient/Observation.rs`, `.cruds`,
/// `patient/*.rs`), v1 (`patient/Observation.read`, `.*`, `patient/*.read`).
pub fn scope_allows(granted: &str, resource_type: &str, action: char) -> bool {
    granted.split_ascii_whitespace().any(|s| {
        let Some(rest) = s.strip_prefix("patient/") else {
            return false;
        };
        let Some((ty, perms)) = rest.split_once('.') else {
            return false;
        };
        // v2 scopes may carry a query (`patient/Observation.rs?category=laboratory`): such a
        // grant does not cover every code IEC-Tox searches, so it does not count here.
        if ty != "*" && ty != resource_type {
            return false;
        }
        match perms {
            "*" | "read" => true,
            p if !p.is_empty() && p.chars().all(|c| "cruds".contains(c)) => p.contains(action),
            _ => false,
        }
    })
}
