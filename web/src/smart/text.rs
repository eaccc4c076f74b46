//! The launch page's words, English and Spanish: every error says what happened, that
//! nothing was imported, and what the clinician can do.

use super::flow::{Query, SmartError, Step};
use crate::i18n::Lang;

fn pick(lang: Lang, en: String, es: String) -> String {
    match lang {
        Lang::En => en,
        Lang::Es => es,
    }
}

pub fn query_name(lang: Lang, q: Query) -> &'static str {
    match (q, lang) {
        (Query::Patient, Lang::En) => "the patient's details",
        (Query::Patient, Lang::Es) => "los datos del paciente",
        (Query::Observations, Lang::En) => "laboratory results and vital signs",
        (Query::Observations, Lang::Es) => "resultados de laboratorio y constantes",
        (Query::Medications, Lang::En) => "medication administrations",
        (Query::Medications, Lang::Es) => "administraciones de medicación",
    }
}

pub fn step(lang: Lang, s: &Step) -> String {
    match s {
        Step::ReadingConfig => pick(
            lang,
            "Reading this installation's settings…".into(),
            "Leyendo la configuración de esta instalación…".into(),
        ),
        Step::Discovering(host) => pick(
            lang,
            format!("Contacting the record system ({host})…"),
            format!("Contactando con el sistema de historia clínica ({host})…"),
        ),
        Step::Redirecting(host) => pick(
            lang,
            format!("Opening the sign-in of the record system ({host})…"),
            format!("Abriendo el inicio de sesión del sistema de historia clínica ({host})…"),
        ),
        Step::ExchangingCode => pick(
            lang,
            "Signed in. Obtaining access…".into(),
            "Sesión iniciada. Obteniendo acceso…".into(),
        ),
        Step::Reading { query, resources } => pick(
            lang,
            format!("Reading {} ({resources} so far)…", query_name(lang, *query)),
            format!(
                "Leyendo {} ({resources} hasta ahora)…",
                query_name(lang, *query)
            ),
        ),
    }
}

/// The headline and the explanation of an error.
pub fn error(lang: Lang, e: &SmartError) -> (String, String) {
    let nothing = pick(
        lang,
        "Nothing was imported. You can enter the values by hand.".into(),
        "No se ha importado nada. Puede introducir los valores a mano.".into(),
    );
    let relaunch = pick(
        lang,
        "Open IEC-Tox again from the patient's record.".into(),
        "Abra de nuevo IEC-Tox desde la historia clínica del paciente.".into(),
    );
    let (title, detail) = match e {
        SmartError::NotConfigured => (
            pick(lang, "Launch from the record is not set up".into(), "El acceso desde la historia clínica no está configurado".into()),
            pick(lang,
                "This copy of IEC-Tox has no record system configured (config.json). Ask your IT department to set it up.".into(),
                "Esta copia de IEC-Tox no tiene configurado ningún sistema de historia clínica (config.json). Pida a su servicio de informática que lo configure.".into()),
        ),
        SmartError::ConfigInvalid(detail) => (
            pick(lang, "The launch settings are invalid".into(), "La configuración de acceso no es válida".into()),
            pick(lang,
                format!("Tell your IT department: {detail}."),
                format!("Indíquelo a su servicio de informática: {detail}.")),
        ),
        SmartError::IssuerNotAllowed(iss) => (
            pick(lang, "This record system is not allowed".into(), "Este sistema de historia clínica no está autorizado".into()),
            pick(lang,
                format!("The launch came from {iss}, which is not on this installation's list of allowed record systems. Nothing was requested from it. If it is your hospital's system, ask IT to add it to config.json."),
                format!("El acceso procede de {iss}, que no está en la lista de sistemas autorizados de esta instalación. No se le ha pedido nada. Si es el sistema de su hospital, pida a informática que lo añada a config.json.")),
        ),
        SmartError::NoStandaloneIssuer => (
            pick(lang, "No record system to connect to".into(), "Ningún sistema de historia clínica al que conectar".into()),
            pick(lang,
                "No record system is offered for a launch from IEC-Tox itself. Open IEC-Tox from the patient's record instead.".into(),
                "No se ofrece ningún sistema para conectarse desde IEC-Tox. Abra IEC-Tox desde la historia clínica del paciente.".into()),
        ),
        SmartError::Unreachable { host, timeout } => (
            pick(lang, "The record system could not be reached".into(), "No se pudo contactar con el sistema de historia clínica".into()),
            match timeout {
                true => pick(lang,
                    format!("{host} did not answer in time. Check the network connection and try again."),
                    format!("{host} no respondió a tiempo. Compruebe la conexión de red y vuelva a intentarlo.")),
                false => pick(lang,
                    format!("No answer from {host} (server down, network, or a security policy blocking it). Check the network connection and try again; if it persists, tell IT."),
                    format!("Sin respuesta de {host} (servidor caído, red, o una política de seguridad que lo bloquea). Compruebe la conexión y vuelva a intentarlo; si persiste, avise a informática.")),
            },
        ),
        SmartError::Discovery { iss, detail } => (
            pick(lang, "The record system's settings could not be read".into(), "No se pudo leer la configuración del sistema de historia clínica".into()),
            pick(lang,
                format!("{iss} did not give a usable SMART configuration ({detail}). Tell IT."),
                format!("{iss} no dio una configuración SMART utilizable ({detail}). Avise a informática.")),
        ),
        SmartError::AccessDenied => (
            pick(lang, "Access was not allowed".into(), "No se permitió el acceso".into()),
            pick(lang,
                "Access to the patient's data was refused in the record system. To import, launch again and allow access.".into(),
                "Se rechazó el acceso a los datos del paciente en el sistema de historia clínica. Para importar, vuelva a abrir IEC-Tox y permita el acceso.".into()),
        ),
        SmartError::Authorization(err) => (
            pick(lang, "The record system refused the sign-in".into(), "El sistema de historia clínica rechazó el inicio de sesión".into()),
            pick(lang,
                format!("It answered \"{}\"{}. {relaunch}", err.error, err.description.as_ref().map(|d| format!(": {d}")).unwrap_or_default()),
                format!("Respondió \"{}\"{}. {relaunch}", err.error, err.description.as_ref().map(|d| format!(": {d}")).unwrap_or_default())),
        ),
        SmartError::NoPendingLaunch | SmartError::StateMismatch => (
            pick(lang, "This sign-in does not match a launch from this window".into(), "Este inicio de sesión no corresponde a un acceso desde esta ventana".into()),
            pick(lang,
                format!("The answer from the record system is not for the launch started here (it may be old, reused, or from another site), so it was not used. {relaunch}"),
                format!("La respuesta del sistema de historia clínica no corresponde al acceso iniciado aquí (puede ser antigua, reutilizada o de otro sitio), así que no se ha usado. {relaunch}")),
        ),
        SmartError::LaunchExpired => (
            pick(lang, "The sign-in took too long".into(), "El inicio de sesión tardó demasiado".into()),
            relaunch.clone(),
        ),
        SmartError::TokenRefused { status, error } => (
            pick(lang, "Access could not be obtained".into(), "No se pudo obtener el acceso".into()),
            pick(lang,
                format!("The record system's authorization server answered HTTP {status}{}. {relaunch}", error.as_ref().map(|e| format!(" ({e})")).unwrap_or_default()),
                format!("El servidor de autorización respondió HTTP {status}{}. {relaunch}", error.as_ref().map(|e| format!(" ({e})")).unwrap_or_default())),
        ),
        SmartError::NoPatient => (
            pick(lang, "No patient was selected".into(), "No se seleccionó ningún paciente".into()),
            pick(lang,
                "The record system did not say which patient to read. Open IEC-Tox from the patient's record.".into(),
                "El sistema de historia clínica no indicó qué paciente leer. Abra IEC-Tox desde la historia del paciente.".into()),
        ),
        SmartError::ScopeNotGranted(query) => (
            pick(lang, "Access is too narrow".into(), "El acceso concedido es insuficiente".into()),
            pick(lang,
                format!("Reading {} was not allowed. Launch again and allow it, or ask IT to grant it to IEC-Tox.", query_name(lang, *query)),
                format!("No se permitió leer {}. Vuelva a abrir IEC-Tox y permítalo, o pida a informática que se lo conceda.", query_name(lang, *query))),
        ),
        SmartError::SessionExpired => (
            pick(lang, "The session with the record system expired".into(), "La sesión con el sistema de historia clínica caducó".into()),
            pick(lang,
                format!("Access ended while the data were being read. {relaunch}"),
                format!("El acceso terminó mientras se leían los datos. {relaunch}")),
        ),
        SmartError::QueryFailed { query, status } => (
            pick(lang,
                format!("Reading {} failed", query_name(lang, *query)),
                format!("Falló la lectura de {}", query_name(lang, *query))),
            match status {
                Some(s) => pick(lang,
                    format!("The record server answered HTTP {s}. All the data must be read before any is offered, so none was kept. Try again; if it persists, tell IT."),
                    format!("El servidor respondió HTTP {s}. Todos los datos deben leerse antes de ofrecer ninguno, así que no se ha conservado nada. Vuelva a intentarlo; si persiste, avise a informática.")),
                None => pick(lang,
                    "The record server's answer was not valid FHIR. None of the data was kept. Tell IT.".into(),
                    "La respuesta del servidor no era FHIR válido. No se ha conservado ningún dato. Avise a informática.".into()),
            },
        ),
        SmartError::Paging(query) => (
            pick(lang,
                format!("Reading {} stopped", query_name(lang, *query)),
                format!("Se detuvo la lectura de {}", query_name(lang, *query))),
            pick(lang,
                "The server returned too many pages, or a page link to another server. None of the data was kept. Tell IT.".into(),
                "El servidor devolvió demasiadas páginas, o un enlace a otro servidor. No se ha conservado ningún dato. Avise a informática.".into()),
        ),
        SmartError::Browser(detail) => (
            pick(lang, "The browser could not complete the launch".into(), "El navegador no pudo completar el acceso".into()),
            pick(lang,
                format!("{detail}. Try again, or use another browser."),
                format!("{detail}. Vuelva a intentarlo o use otro navegador.")),
        ),
    };
    (title, format!("{detail} {nothing}"))
}
