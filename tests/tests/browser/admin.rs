//! The administration console in a real browser, with Chromium's virtual authenticators (the
//! DevTools `WebAuthn` domain) standing for administrators' passkeys: enrolment from the
//! operator's link and confirmation on the server, login, a second passkey, a revoked
//! administrator refused, a used link and a replayed ceremony refused; and the separation of the
//! console from the holders' origin and cookies.

use super::*;
use pde_api::admin as admin_api;
use pde_tests::browser::DevtoolsSession;

/// A new virtual authenticator (a passkey holder with user verification) in the page's tab.
async fn add_authenticator(devtools: &mut DevtoolsSession) -> String {
    devtools
        .call("WebAuthn.enable", json!({ "enableUI": false }))
        .await;
    let added = devtools
        .call(
            "WebAuthn.addVirtualAuthenticator",
            json!({ "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": true,
                "hasUserVerification": true,
                "isUserVerified": true,
                "automaticPresenceSimulation": true
            } }),
        )
        .await;
    added["authenticatorId"]
        .as_str()
        .expect("authenticator id")
        .to_owned()
}

async fn remove_authenticator(devtools: &mut DevtoolsSession, id: &str) {
    devtools
        .call(
            "WebAuthn.removeVirtualAuthenticator",
            json!({ "authenticatorId": id }),
        )
        .await;
}

/// The passkeys an authenticator holds.
async fn credentials_in(devtools: &mut DevtoolsSession, id: &str) -> usize {
    devtools
        .call("WebAuthn.getCredentials", json!({ "authenticatorId": id }))
        .await["credentials"]
        .as_array()
        .map_or(0, Vec::len)
}

/// The passkeys an authenticator holds, with their private keys (to put them in another).
async fn exported(devtools: &mut DevtoolsSession, id: &str) -> Vec<serde_json::Value> {
    devtools
        .call("WebAuthn.getCredentials", json!({ "authenticatorId": id }))
        .await["credentials"]
        .as_array()
        .cloned()
        .expect("credentials")
}

/// A new authenticator holding `passkeys` (a device the administrator uses again).
async fn authenticator_with(
    devtools: &mut DevtoolsSession,
    passkeys: &[serde_json::Value],
) -> String {
    let id = add_authenticator(devtools).await;
    for passkey in passkeys {
        devtools
            .call(
                "WebAuthn.addCredential",
                json!({ "authenticatorId": id, "credential": passkey }),
            )
            .await;
    }
    id
}

/// Opens the enrolment link in the console, at its first screen.
async fn open_enrolment_link(b: &Browser, server: &TestServer, token: &str) {
    b.client
        .goto(&format!("{}/#enrol={token}", server.admin_url))
        .await
        .expect("open the enrolment link");
    b.wait_for("#enrol").await;
}

/// Opens the enrolment link in the console, makes the passkey; the code the page shows.
async fn enrol_in_page(b: &Browser, server: &TestServer, token: &str) -> String {
    open_enrolment_link(b, server, token).await;
    assert_eq!(
        b.eval("return location.hash;").await,
        json!(""),
        "the link's token leaves the address bar"
    );
    b.click("#enrol").await;
    b.wait_for("#code")
        .await
        .text()
        .await
        .expect("code")
        .trim()
        .to_owned()
}

/// The error the console shows now.
async fn shown_error(b: &Browser) -> String {
    for _ in 0..100 {
        let text = b
            .eval("return document.querySelector('#error').textContent;")
            .await;
        if let Some(text) = text.as_str().filter(|t| !t.is_empty()) {
            return text.to_owned();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("no error shown")
}

/// Records the body of every request the page sends (to replay one).
const RECORD_REQUESTS: &str = "window.__sent = [];
    const original = window.fetch;
    window.fetch = function (input, init) {
        if (input instanceof Request) {
            input.clone().text().then(body => window.__sent.push([input.url, body]));
        }
        return original.apply(this, arguments);
    };
    return true;";

/// An admin API request as a browser page of `origin` would send it (its `Origin` and
/// `Sec-Fetch-Site`), with `cookie`: the answer's status.
async fn admin_get(server: &TestServer, path: &str, cookie: &str, origin: &str, site: &str) -> u16 {
    reqwest::Client::new()
        .get(format!("{}{}", server.admin_url, admin_api::url(path)))
        .header("cookie", cookie)
        .header("origin", origin)
        .header("sec-fetch-site", site)
        .send()
        .await
        .expect("admin request")
        .status()
        .as_u16()
}

#[tokio::test]
async fn administrators_enrol_log_in_and_keep_their_passkeys_with_the_console_apart() {
    let (Some(_), Some(chromium), Some(axe)) = (web_dist(), chromium(), axe_script()) else {
        return;
    };
    let server = TestServer::start(Backend::Sqlite).await;
    let b = Browser::start(&chromium, "fr-BE").await;
    let mut devtools = b.devtools().await;
    let first_key = add_authenticator(&mut devtools).await;
    let mut problems = Vec::new();
    let mut step = 0;

    // Enrolment: the link makes a passkey and shows a code; nobody can log in before the
    // operator types that code on the server.
    let link_token = server.enrol_admin("Amina", "coordinator");
    open_enrolment_link(&b, &server, &link_token).await;
    problems.extend(shot(&b, &axe, "admin-fr", &mut step, "enrol").await);
    let code = enrol_in_page(&b, &server, &link_token).await;
    assert!(
        code.len() == 6 && code.bytes().all(|c| c.is_ascii_digit()),
        "{code}"
    );
    assert_eq!(credentials_in(&mut devtools, &first_key).await, 1);
    problems.extend(shot(&b, &axe, "admin-fr", &mut step, "code").await);
    b.click("#code-done").await;
    b.wait_for("#login").await;
    problems.extend(shot(&b, &axe, "admin-fr", &mut step, "login").await);
    b.click("#login").await;
    assert!(
        shown_error(&b)
            .await
            .contains("Personne ne peut encore se connecter"),
        "not confirmed yet: nobody can log in"
    );
    // The link works once, even before the confirmation.
    enrol_again_is_refused(&b, &server, &link_token).await;
    let confirmed = server.admin_command(&["confirm", &code]);
    assert!(confirmed.contains("Amina"), "{confirmed}");
    assert!(
        server
            .command()
            .args(["admin", "confirm", &code])
            .output()
            .is_ok_and(|o| !o.status.success()),
        "a code confirms once"
    );

    // Login with the passkey; the finishing request replayed is refused (its ceremony is spent).
    b.client.goto(&server.admin_url).await.expect("open");
    b.wait_for("#login").await;
    b.eval(RECORD_REQUESTS).await;
    b.click("#login").await;
    b.wait_for(".passkey").await;
    assert!(b.body_text().await.contains("Bonjour Amina"));
    let replayed = b
        .client
        .execute_async(
            &format!(
                "const done = arguments[arguments.length - 1];
                 const sent = window.__sent.find(([url]) => url.endsWith({:?}));
                 fetch(sent[0], {{ method: 'POST', headers: {{ 'content-type': 'application/json' }},
                                  body: sent[1] }}).then(r => done(r.status));",
                admin_api::LOGIN_FINISH.path
            ),
            vec![],
        )
        .await
        .expect("replay");
    assert_eq!(replayed, json!(410), "a replayed login ceremony is refused");
    problems.extend(shot(&b, &axe, "admin-fr", &mut step, "home").await);
    let audit = b
        .wait_for("#audit tbody")
        .await
        .text()
        .await
        .expect("audit");
    for said in [
        "lien d'inscription créé",
        "administrateur confirmé",
        "connexion",
    ] {
        assert!(audit.contains(said), "{said} in {audit}");
    }

    // The console's cookie and origin are its own.
    let cookies = b.all_cookies().await;
    let admin_cookie = cookies
        .iter()
        .find(|c| c["name"] == json!("pde_admin"))
        .expect("the admin cookie");
    assert_eq!(admin_cookie["domain"], json!("localhost"));
    assert_eq!(admin_cookie["httpOnly"], json!(true));
    assert_eq!(admin_cookie["sameSite"], json!("Strict"));
    let token = admin_cookie["value"].as_str().expect("value").to_owned();
    let as_admin = format!("pde_admin={token}");
    let me = admin_api::ME.path;
    assert_eq!(
        admin_get(&server, me, &as_admin, &server.admin_url, "same-origin").await,
        200
    );
    assert_eq!(
        admin_get(&server, me, &as_admin, &server.base_url, "same-site").await,
        403,
        "a page of the holders' origin can't use the admin cookie"
    );
    let no_browser = reqwest::Client::new()
        .get(format!("{}{}", server.admin_url, admin_api::url(me)))
        .header("cookie", &as_admin)
        .send()
        .await
        .expect("request");
    assert_eq!(
        no_browser.status().as_u16(),
        403,
        "no browser headers: refused"
    );
    let holders_wallet = format!(
        "{}{}{}",
        server.base_url,
        pde_api::API_PREFIX,
        pde_api::endpoints::WALLET.path
    );
    for cookie in [as_admin.clone(), format!("pde_session={token}")] {
        let answer = reqwest::Client::new()
            .get(&holders_wallet)
            .header("cookie", cookie.as_str())
            .send()
            .await
            .expect("wallet request");
        assert_eq!(answer.status().as_u16(), 401, "{cookie} on a wallet route");
    }
    let (holder, wallet) =
        pde_tests::new_test_wallet(&server, "un secret de test assez long").await;
    let number = wallet.number.clone();
    let login = holder
        .login_answer_raw(&number, "un secret de test assez long")
        .await
        .expect("login");
    let wallet_cookie = login
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .expect("wallet cookie")
        .to_owned();
    let wallet_token = wallet_cookie
        .split_once('=')
        .map(|(_, t)| t)
        .unwrap_or_default();
    for cookie in [wallet_cookie.clone(), format!("pde_admin={wallet_token}")] {
        assert_eq!(
            admin_get(&server, me, &cookie, &server.admin_url, "same-origin").await,
            401,
            "{cookie} on the admin API"
        );
    }
    let crossed = [
        format!("{}{}", server.base_url, admin_api::url(me)),
        holders_wallet.replace(&server.base_url, &server.admin_url),
    ];
    for url in crossed {
        let answer = reqwest::Client::new()
            .get(&url)
            .send()
            .await
            .expect("request");
        assert_eq!(answer.status().as_u16(), 404, "{url} is not served there");
    }

    // A second passkey, on another authenticator: a fresh confirmation with the first, then
    // the new one; it logs in alone.
    b.click("#confirm-passkey").await;
    b.wait_for("#add-passkey").await;
    remove_authenticator(&mut devtools, &first_key).await;
    let second_key = add_authenticator(&mut devtools).await;
    b.type_into("#passkey-label", " bureau").await;
    b.click("#add-passkey").await;
    b.wait_for_text("La clé d'accès a été ajoutée.").await;
    assert_eq!(credentials_in(&mut devtools, &second_key).await, 1);
    for _ in 0..50 {
        if b.client
            .find_all(Locator::Css(".passkey"))
            .await
            .map_or(0, |l| l.len())
            == 2
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    problems.extend(shot(&b, &axe, "admin-fr", &mut step, "two-passkeys").await);
    b.click("#logout").await;
    b.wait_for("#login").await;
    b.click("#login").await;
    b.wait_for(".passkey").await;
    // The first passkey is removed (confirming with the second); the last one can't be.
    b.click("#confirm-passkey").await;
    b.wait_for(".remove-passkey").await;
    b.click(".passkey:first-child .remove-passkey").await;
    b.wait_for_text("La clé d'accès a été retirée.").await;
    b.click(".remove-passkey").await;
    assert!(shown_error(&b).await.contains("dernière clé"));

    // Another administrator, an observer; then Amina is revoked: her session ends, her passkey
    // no longer logs in, and the observer reads it all in the audit log.
    let amina_passkeys = exported(&mut devtools, &second_key).await;
    remove_authenticator(&mut devtools, &second_key).await;
    let bram_key = add_authenticator(&mut devtools).await;
    let bram = server.enrol_admin("Bram", "observer");
    let bram_code = enrol_in_page(&b, &server, &bram).await;
    server.admin_command(&["confirm", &bram_code]);
    let bram_passkeys = exported(&mut devtools, &bram_key).await;
    remove_authenticator(&mut devtools, &bram_key).await;
    server.admin_command(&["revoke", "--name", "Amina"]);
    assert_eq!(
        admin_get(&server, me, &as_admin, &server.admin_url, "same-origin").await,
        401,
        "a revoked administrator's session ends"
    );
    let listed = server.admin_command(&["list"]);
    assert!(listed.contains("Amina\tcoordinator\trevoked"), "{listed}");
    let amina_device = authenticator_with(&mut devtools, &amina_passkeys).await;
    b.client.goto(&server.admin_url).await.expect("open");
    b.click("#login").await;
    assert!(
        shown_error(&b)
            .await
            .contains("La clé d'accès n'a pas répondu"),
        "a revoked administrator's passkey is not asked for any more"
    );
    remove_authenticator(&mut devtools, &amina_device).await;
    authenticator_with(&mut devtools, &bram_passkeys).await;
    b.client.goto(&server.admin_url).await.expect("open");
    b.click("#login").await;
    b.wait_for(".passkey").await;
    let observer_page = b.body_text().await;
    assert!(observer_page.contains("Observation"), "{observer_page}");
    let audit = b
        .wait_for("#audit tbody")
        .await
        .text()
        .await
        .expect("audit");
    assert!(
        audit.contains("administrateur révoqué") && audit.contains("Amina"),
        "{audit}"
    );
    b.click("nav button[lang='en']").await;
    b.wait_for("html[lang='en']").await;
    problems.extend(shot(&b, &axe, "admin-en", &mut step, "observer-home").await);
    b.set_window_size(390, 844).await;
    b.click("nav button[lang='nl']").await;
    b.wait_for("html[lang='nl']").await;
    b.screenshot("admin-nl-phone-home").await;
    problems.extend(
        b.axe_violations(&axe)
            .await
            .into_iter()
            .map(|v| format!("admin-nl-phone-home: {v}")),
    );
    assert!(problems.is_empty(), "{problems:#?}");

    let log = std::fs::read_to_string(server.log_path()).expect("log");
    assert!(
        !log.contains(&link_token) && !log.contains(&code),
        "no enrolment token or code in the server's log"
    );
}

async fn enrol_again_is_refused(b: &Browser, server: &TestServer, token: &str) {
    open_enrolment_link(b, server, token).await;
    b.click("#enrol").await;
    assert!(
        shown_error(b).await.contains("ne fonctionne plus"),
        "a used enrolment link is refused"
    );
}
