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
    // With the keyboard alone, as every step of the console.
    b.tab_to("#enrol").await;
    b.press("\u{e007}").await;
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
    // With the keyboard alone: the section's link, Tab to "confirm", Enter; the focus goes to
    // the new passkey's name; End, type, Tab to "add", Enter; the focus goes to the heading.
    console_section_by_keyboard(&b, &server, "passkeys").await;
    b.tab_to("#confirm-passkey").await;
    b.press("\u{e007}").await;
    b.wait_for_focus_on("#passkey-label").await;
    remove_authenticator(&mut devtools, &first_key).await;
    let second_key = add_authenticator(&mut devtools).await;
    b.press("\u{e010} bureau").await;
    b.tab_to("#add-passkey").await;
    b.press("\u{e007}").await;
    b.wait_for_text("La clé d'accès a été ajoutée.").await;
    b.wait_for_focus_on("#passkeys-heading").await;
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
    let labels = b
        .wait_for("#passkey-list")
        .await
        .text()
        .await
        .expect("labels");
    assert!(labels.contains(" bureau"), "{labels}");
    problems.extend(shot(&b, &axe, "admin-fr", &mut step, "two-passkeys").await);
    b.click("#logout").await;
    b.wait_for("#login").await;
    b.click("#login").await;
    b.wait_for(".passkey").await;
    // The first passkey is removed (confirming with the second); the last one can't be.
    b.click("#confirm-passkey").await;
    b.wait_for(".remove-passkey").await;
    b.tab_to(".passkey:first-child .remove-passkey").await;
    b.press("\u{e007}").await;
    b.wait_for_text("La clé d'accès a été retirée.").await;
    b.wait_for_focus_on("#passkeys-heading").await;
    b.tab_to(".remove-passkey").await;
    b.press("\u{e007}").await;
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

/// A login start as the console's page sends it (its `Origin`, `Sec-Fetch-Site`), with `body`:
/// the answer's status and JSON.
async fn admin_login_start(server: &TestServer, body: &str) -> (u16, serde_json::Value) {
    let answer = reqwest::Client::new()
        .post(format!(
            "{}{}",
            server.admin_url,
            admin_api::url(admin_api::LOGIN_START.path)
        ))
        .header("origin", &server.admin_url)
        .header("sec-fetch-site", "same-origin")
        .header("content-type", "application/json")
        .body(body.to_owned())
        .send()
        .await
        .expect("login start");
    let status = answer.status().as_u16();
    (status, answer.json().await.expect("JSON"))
}

/// The challenge a login start without a proof is asked to solve now.
async fn asked_now(server: &TestServer) -> admin_api::AdminProofOfWork {
    let (status, answer) = admin_login_start(server, "{\"proof\": null}").await;
    assert_eq!(status, 429, "{answer}");
    serde_json::from_value(answer["proof_of_work"].clone()).expect("a challenge")
}

/// Anyone who reaches the console can start logins: past a number under way, a start is priced
/// (a proof of work, rising with the load), not refused, so that a flood of starts does not keep
/// administrators out. The page solves the challenge and logs in; a proof serves once.
#[tokio::test]
async fn a_flood_of_login_starts_prices_them_and_the_administrator_still_gets_in() {
    let (Some(_), Some(chromium)) = (web_dist(), chromium()) else {
        return;
    };
    let server = TestServer::start(Backend::Sqlite).await;
    let b = Browser::start(&chromium, "fr-BE").await;
    let mut devtools = b.devtools().await;
    add_authenticator(&mut devtools).await;
    let token = server.enrol_admin("Amina", "coordinator");
    let code = enrol_in_page(&b, &server, &token).await;
    server.admin_command(&["confirm", &code]);

    // The flood: the free starts, then a challenge instead of a ceremony.
    let mut free = 0;
    let asked = loop {
        let (status, answer) = admin_login_start(&server, "{}").await;
        if status == 200 {
            free += 1;
            assert!(free <= 100, "logins are never priced");
            continue;
        }
        assert_eq!(status, 429, "{answer}");
        assert_eq!(answer["code"], json!("proof_of_work_required"), "{answer}");
        let asked: admin_api::AdminProofOfWork =
            serde_json::from_value(answer["proof_of_work"].clone()).expect("a challenge");
        break asked;
    };
    assert_eq!(free, 20, "the free starts");
    assert_eq!(asked.bits, pde_crypto::proof::MIN_BITS);
    // Solved, the start goes through; the same proof again does not.
    let solved = |asked: &admin_api::AdminProofOfWork| {
        let challenge = hex::decode(&asked.challenge).expect("hex");
        serde_json::to_string(&admin_api::AdminLoginStart {
            proof: Some(admin_api::AdminLoginProof {
                challenge: asked.challenge.clone(),
                nonce: pde_crypto::proof::solve(&challenge).expect("solvable"),
            }),
        })
        .expect("json")
    };
    let paid = solved(&asked);
    assert_eq!(admin_login_start(&server, &paid).await.0, 200);
    let (status, answer) = admin_login_start(&server, &paid).await;
    assert_eq!(
        (status, &answer["code"]),
        (429, &json!("proof_of_work_required")),
        "a proof serves once"
    );
    // The price doubles when the load does (40 under way against 20 free), and a challenge
    // gathered while it was lower does not pay it.
    let gathered = asked_now(&server).await;
    for _ in 21..40 {
        let asked = asked_now(&server).await;
        assert_eq!(admin_login_start(&server, &solved(&asked)).await.0, 200);
    }
    assert_eq!(
        asked_now(&server).await.bits,
        pde_crypto::proof::MIN_BITS + 1
    );
    let (status, answer) = admin_login_start(&server, &solved(&gathered)).await;
    assert_eq!(
        (status, answer["proof_of_work"]["bits"].as_u64()),
        (429, Some(u64::from(pde_crypto::proof::MIN_BITS) + 1)),
        "a cheaper challenge gathered earlier is asked again at today's price"
    );

    // The administrator logs in all the same: the page pays the price.
    b.client.goto(&server.admin_url).await.expect("open");
    b.wait_for("#login").await;
    b.eval(RECORD_REQUESTS).await;
    b.tab_to("#login").await;
    b.press("\u{e007}").await;
    b.wait_for("#logout").await;
    assert!(b.body_text().await.contains("Bonjour Amina"));
    let starts = b
        .eval(&format!(
            "return window.__sent.filter(([url]) => url.endsWith({:?})).map(([, body]) => body);",
            admin_api::LOGIN_START.path
        ))
        .await;
    let starts: Vec<String> = serde_json::from_value(starts).expect("bodies");
    assert_eq!(starts.len(), 2, "asked, then paid: {starts:?}");
    let sent: admin_api::AdminLoginStart = serde_json::from_str(&starts[1]).expect("body");
    assert!(sent.proof.is_some(), "the second start carries the proof");
    b.close().await;
}

/// A coordinator logged in to the console with a new passkey (enrolled and confirmed). The
/// passkey lives as long as the DevTools session returned (it is the virtual authenticator's).
pub(super) async fn coordinator_logged_in(
    b: &Browser,
    server: &TestServer,
    name: &str,
) -> DevtoolsSession {
    let mut devtools = b.devtools().await;
    add_authenticator(&mut devtools).await;
    let token = server.enrol_admin(name, "coordinator");
    let code = enrol_in_page(b, server, &token).await;
    server.admin_command(&["confirm", &code]);
    b.client.goto(&server.admin_url).await.expect("open");
    b.wait_for("#login").await;
    b.tab_to("#login").await;
    b.press("\u{e007}").await;
    b.wait_for("#logout").await;
    devtools
}

/// Opens the console again and goes to one of its sections with the keyboard alone: Tab to its
/// link under the heading, Enter; the next Tab lands inside the section.
pub(super) async fn console_section_by_keyboard(b: &Browser, server: &TestServer, section: &str) {
    b.client.goto(&server.admin_url).await.expect("open");
    b.wait_for("#logout").await;
    b.tab_to(&format!("#sections a[href='#{section}']")).await;
    b.press("\u{e007}").await;
    b.wait_for(&format!("#{section}:target")).await;
}

/// The invitation slip's link opened in the holders' app: the code leaves the address bar at
/// once and waits, filled in, on the create page. Submits it; the page's answer (the wallet
/// number, or the error shown).
async fn create_with_slip(b: &Browser, server: &TestServer, code: &str) -> Result<String, String> {
    open_app_at_address(
        b,
        &format!("{}/#{}{code}", server.base_url, pde_api::INVITE_FRAGMENT),
    )
    .await;
    let address = b.eval("return location.href;").await;
    assert!(
        !address.as_str().unwrap_or_default().contains(code)
            && b.eval("return location.hash;").await == json!(""),
        "the code leaves the address bar: {address}"
    );
    b.click("button[data-lang='fr']").await;
    b.click("#start-create").await;
    b.wait_for("#invite").await;
    let mut filled = json!(null);
    for _ in 0..50 {
        filled = b
            .eval("return document.querySelector('#invite').value;")
            .await;
        if filled == json!(code) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(filled, json!(code), "the slip's code is filled in");
    for field in ["#secret", "#secret-repeat"] {
        b.type_into(field, "une phrase secrète de test").await;
    }
    b.click("#create-submit").await;
    for _ in 0..300 {
        let number = b
            .eval("const n = document.querySelector('#wallet-number'); return n ? n.textContent : null;")
            .await;
        if let Some(number) = number.as_str() {
            return Ok(number.to_owned());
        }
        let error = b
            .eval("const e = document.querySelector('.alert[role=alert]:not(#language-unavailable)'); return e ? e.textContent : '';")
            .await;
        if let Some(error) = error.as_str().filter(|e| !e.trim().is_empty()) {
            return Err(error.to_owned());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("no answer to the creation")
}

async fn open_app_at_address(b: &Browser, address: &str) {
    // From another document: a change of fragment alone would not load the page again.
    b.client.goto("about:blank").await.expect("blank");
    b.client.goto(address).await.expect("open");
    b.wait_for("button[data-lang='fr']").await;
}

/// The batches' rows as the console shows them: (state, wallets made).
async fn batch_rows(b: &Browser) -> Vec<(String, String)> {
    // The list comes after the page: at least one batch is there whenever this is asked.
    b.wait_for("#batches .batch").await;
    let rows = b
        .eval(
            "return [...document.querySelectorAll('#batches .batch')].map(r =>
                [r.dataset.state, r.querySelector('.wallets-created').textContent.trim()]);",
        )
        .await;
    serde_json::from_value(rows).expect("rows")
}

#[tokio::test]
async fn coordinators_hand_out_invitations_by_partner_as_printed_slips() {
    let (Some(_), Some(chromium), Some(axe)) = (web_dist(), chromium(), axe_script()) else {
        return;
    };
    let server = TestServer::start_with(Backend::Sqlite, &["--creation-mode", "invite"]).await;
    let b = Browser::start(&chromium, "fr-BE").await;
    let mut problems = Vec::new();
    let mut step = 0;

    // The partners come from the operator's list, each once.
    for label in ["Centre de jour Botanique", "Service Haven"] {
        server.admin_command(&["partner", "add", "--label", label]);
    }
    assert!(
        server
            .command()
            .args(["admin", "partner", "add", "--label", "Service Haven"])
            .output()
            .is_ok_and(|o| !o.status.success()),
        "a partner is on the list once"
    );
    assert_eq!(
        server.admin_command(&["partner", "list"]),
        "Centre de jour Botanique\nService Haven\n"
    );

    // A batch of two codes for one partner; its slips are shown once, to print.
    let _passkey = coordinator_logged_in(&b, &server, "Amina").await;
    b.wait_for("#new-batch").await;
    assert!(b.body_text().await.contains("ne gardent pas le partenaire"));
    problems.extend(shot(&b, &axe, "admin-fr", &mut step, "invitations").await);
    // With the keyboard alone: the section's link, Tab to the partner, type its first letters;
    // Tab to each number (the field's value is selected on the way in) and type; Enter.
    console_section_by_keyboard(&b, &server, "invitations").await;
    b.wait_for("#batch-partner option:nth-child(3)").await;
    b.tab_to("#batch-partner").await;
    b.press("Centre").await;
    assert_eq!(
        b.eval(
            "const s = document.querySelector('#batch-partner');
             return s.options[s.selectedIndex].text;"
        )
        .await,
        json!("Centre de jour Botanique")
    );
    b.tab_to("#batch-codes").await;
    b.press("2").await;
    b.tab_to("#batch-days").await;
    b.press("30").await;
    b.tab_to("#make-batch").await;
    b.press("\u{e007}").await;
    b.wait_for("#slips .slip").await;
    let codes: Vec<String> = serde_json::from_value(
        b.eval("return [...document.querySelectorAll('.slip-code')].map(c => c.textContent);")
            .await,
    )
    .expect("codes");
    assert_eq!(codes.len(), 2);
    for code in &codes {
        let symbols: String = code.chars().filter(|c| *c != '-').collect();
        assert!(
            symbols.len() >= 16
                && symbols
                    .bytes()
                    .all(|c| pde_api::wallet_number::ALPHABET.contains(&c)),
            "{code}"
        );
    }
    let slip = b.body_text().await;
    for words in [
        "Porte-documents électronique",
        "Elektronische documentenmap",
        "Electronic document wallet",
        "حافظة الوثائق الإلكترونية",
        "PDE ne demande jamais votre secret",
    ] {
        assert!(slip.contains(words), "{words} on the slip");
    }
    assert_eq!(
        b.eval("return document.querySelectorAll('.slip .qr svg').length;")
            .await,
        json!(2),
        "each slip has its QR code"
    );
    problems.extend(shot(&b, &axe, "admin-fr", &mut step, "slips").await);
    b.set_window_size(390, 844).await;
    b.screenshot("admin-fr-phone-slips").await;
    assert_eq!(
        b.eval(
            "return [...document.querySelectorAll('.slip-code')]
                 .every(c => c.scrollWidth <= c.clientWidth);"
        )
        .await,
        json!(true),
        "on a phone too, each code fits its slip on one line"
    );
    b.set_window_size(1280, 900).await;
    b.tab_to("#slips-done").await;
    b.press("\u{e007}").await;
    assert_eq!(
        batch_rows(&b).await,
        [("batch-active".to_owned(), "0".to_owned())]
    );
    let overview: admin_api::InvitationsOverview =
        serde_json::from_str(&read_admin(&b, admin_api::INVITATIONS.path).await).expect("overview");
    let batch = &overview.batches[0];
    assert_eq!(
        (
            batch.partner.as_str(),
            batch.codes,
            batch.expires_at - batch.created_at
        ),
        ("Centre de jour Botanique", 2, 30 * 86_400),
        "the batch typed with the keyboard"
    );

    // A holder opens the first slip's link: the code makes a wallet, once.
    let number = create_with_slip(&b, &server, &codes[0])
        .await
        .expect("the slip's code makes a wallet");
    assert!(!number.trim().is_empty());
    assert!(
        create_with_slip(&b, &server, &codes[0])
            .await
            .is_err_and(|e| e.contains("code d'invitation")),
        "a code for one wallet makes one"
    );
    // The batch's figure counts finished weeks only, and nothing below k: not this week's
    // wallet now; "fewer than 5" once the week is over.
    b.client.goto(&server.admin_url).await.expect("open");
    assert_eq!(
        batch_rows(&b).await,
        [("batch-active".to_owned(), "0".to_owned())]
    );
    server.advance_clock(7 * 86_400).await;
    b.client.goto(&server.admin_url).await.expect("open");
    b.click("#login").await;
    b.wait_for("#logout").await;
    assert_eq!(
        batch_rows(&b).await,
        [("batch-active".to_owned(), "moins de 5".to_owned())]
    );

    // Revoked, the batch's other code makes nothing; the audit log says who did what.
    b.eval("window.confirm = () => true; return true;").await;
    b.click(".revoke-batch").await;
    b.wait_for_text("Le lot est révoqué").await;
    assert_eq!(
        batch_rows(&b).await,
        [("batch-revoked-state".to_owned(), "moins de 5".to_owned())]
    );
    b.client.goto(&server.admin_url).await.expect("open");
    b.wait_for("#audit tbody tr").await;
    let audit = b
        .wait_for("#audit tbody")
        .await
        .text()
        .await
        .expect("audit");
    for said in [
        "partenaire ajouté",
        "lot d'invitations créé",
        "lot d'invitations révoqué",
    ] {
        assert!(audit.contains(said), "{said} in {audit}");
    }
    b.click("nav button[lang='nl']").await;
    b.wait_for("html[lang='nl']").await;
    b.eval("document.querySelector('#batches-explain').scrollIntoView(); return true;")
        .await;
    problems.extend(shot(&b, &axe, "admin-nl", &mut step, "invitations").await);
    assert!(
        create_with_slip(&b, &server, &codes[1]).await.is_err(),
        "a revoked batch's code makes no wallet"
    );
    assert!(problems.is_empty(), "{problems:#?}");

    // Every admin endpoint, walked with a canary wallet on the server, answers nothing of it.
    let canaries = canary_wallet(&server).await;
    b.client.goto(&server.admin_url).await.expect("open");
    b.wait_for("#logout").await;
    let answers = walk_every_admin_endpoint(&b).await;
    assert!(answers.len() >= admin_api::ALL.len());
    for (endpoint, status, body) in &answers {
        for canary in &canaries {
            assert!(
                pde_tests::scan::find_canary(body.as_bytes(), canary).is_none(),
                "{endpoint} ({status}) answers {:?}",
                String::from_utf8_lossy(canary)
            );
        }
    }
    assert!(
        answers.iter().any(
            |(endpoint, status, body)| endpoint.ends_with("/invitations")
                && *status == 200
                && body.contains("Service Haven")
        ),
        "the walk reads real answers: {answers:#?}"
    );
    assert!(
        answers
            .iter()
            .any(|(endpoint, status, body)| endpoint.ends_with("/feedback")
                && *status == 200
                && body.contains(CANARY_FEEDBACK)),
        "the walk reads the canary's feedback: {answers:#?}"
    );

    // The admin API's own OpenAPI document, on the console's origin only.
    let document = admin_api::url(pde_api::routes::admin::OPENAPI);
    let on_console: serde_json::Value = reqwest::get(format!("{}{document}", server.admin_url))
        .await
        .expect("document")
        .json()
        .await
        .expect("json");
    assert_eq!(on_console["tags"][0]["name"], json!("admin"));
    let on_holders = reqwest::get(format!("{}{document}", server.base_url))
        .await
        .expect("request");
    assert_eq!(on_holders.status().as_u16(), 404);

    // No code reaches the server's log (the fragment never leaves the browser).
    let log = std::fs::read_to_string(server.log_path()).expect("log");
    for code in &codes {
        assert!(!log.contains(code.as_str()), "{code} in the log");
    }
}

/// The canary holder's feedback.
const CANARY_FEEDBACK: &str = "canari : très utile";

/// A wallet with all a holder can make (a pseudonym, a document, a grant link, a deposit link,
/// a feedback):
/// its identifiers, as bytes, for a canary scan.
async fn canary_wallet(server: &TestServer) -> Vec<Vec<u8>> {
    let output = server
        .command()
        .args(["invite", "--uses", "1"])
        .output()
        .expect("invite");
    let code = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    let client = PdeClient::new(&server.base_url);
    let pseudonym = "canari-pde-7319";
    let wallet = client
        .create_wallet(CreateWallet {
            secret: "une phrase secrète du canari",
            pseudonym: Some(pseudonym),
            invite_code: Some(&code),
            test_wallet: true,
        })
        .await
        .expect("canary wallet");
    let document = client
        .upload(
            &wallet,
            "carte-canari.pdf",
            "application/pdf",
            pde_crypto::metadata::Category::Identity,
            b"canary content",
        )
        .await
        .expect("document");
    let link = client
        .share(
            &wallet,
            &[(
                "carte-canari.pdf",
                "application/pdf",
                &b"canary content"[..],
            )],
            None,
            3600,
            None,
        )
        .await
        .expect("grant");
    let deposit = client
        .create_deposit(&wallet, "canari", 3600, 2)
        .await
        .expect("deposit");
    // The canary's holder gives an opinion too: coordinators read it, and nothing of the wallet.
    PdeClient::cookieless(&server.base_url)
        .protocol()
        .send_feedback(pde_api::feedback::FeedbackRequest {
            face: pde_api::feedback::Face::Happy,
            comment: Some(CANARY_FEEDBACK.to_owned()),
            language: "fr".to_owned(),
            from: pde_api::feedback::FeedbackFrom::Holder,
            proof: None,
        })
        .await
        .expect("feedback");
    let record = server
        .open_store()
        .await
        .wallet_by_number(&wallet.number.parse().expect("number"))
        .await
        .expect("lookup")
        .expect("wallet");
    [
        wallet.number.clone(),
        pseudonym.to_owned(),
        record.id.as_str().to_owned(),
        document.to_string(),
        link.grant_id.as_str().to_owned(),
        deposit.deposit_id.as_str().to_owned(),
    ]
    .into_iter()
    .map(String::into_bytes)
    .collect()
}

/// A reading admin endpoint's answer, asked from the console's page.
pub(super) async fn read_admin(b: &Browser, path: &str) -> String {
    b.client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             fetch(arguments[0]).then(r => r.text()).then(done);",
            vec![json!(admin_api::url(path))],
        )
        .await
        .expect("read")
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Calls every admin endpoint from the console's page (its own origin and cookie): the readers
/// as they are, the others with a body that works where one is easy to make (a new batch) and an
/// empty one elsewhere; the log-out last. (endpoint, status, body) of each answer.
async fn walk_every_admin_endpoint(b: &Browser) -> Vec<(String, u16, String)> {
    let overview: admin_api::InvitationsOverview =
        serde_json::from_str(&read_admin(b, admin_api::INVITATIONS.path).await).expect("overview");
    let passkeys: admin_api::PasskeyList =
        serde_json::from_str(&read_admin(b, admin_api::PASSKEYS.path).await).expect("passkeys");
    let inbox: admin_api::FeedbackInbox =
        serde_json::from_str(&read_admin(b, admin_api::FEEDBACK.path).await).expect("feedback");
    let mut calls: Vec<(String, String, serde_json::Value)> = admin_api::ALL
        .iter()
        .map(|(method, path)| {
            let url = admin_api::url(
                &path
                    .replace("{passkey_id}", &passkeys.passkeys[0].id)
                    .replace("{batch_id}", &overview.batches[0].id)
                    .replace("{feedback_id}", &inbox.items[0].id),
            );
            let body = match *path {
                p if p == admin_api::BATCH_CREATE.path => {
                    json!(serde_json::to_string(&admin_api::NewBatch {
                        partner_id: overview.partners[0].id.clone(),
                        codes: 1,
                        uses_per_code: 1,
                        days: 1,
                    })
                    .expect("json"))
                }
                _ if method.as_str() == "GET" || method.as_str() == "DELETE" => json!(null),
                _ => json!("{}"),
            };
            (method.as_str().to_owned(), url, body)
        })
        .collect();
    calls.sort_by_key(|(_, url, _)| url.ends_with(admin_api::LOGOUT.path));
    let answers = b
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             (async () => {
                 const out = [];
                 for (const [method, url, body] of arguments[0]) {
                     const init = { method };
                     if (body !== null) {
                         init.body = body;
                         init.headers = { 'content-type': 'application/json' };
                     }
                     const answer = await fetch(url, init);
                     out.push([method + ' ' + url, answer.status, await answer.text()]);
                 }
                 done(out);
             })();",
            vec![json!(calls)],
        )
        .await
        .expect("walk");
    serde_json::from_value(answers).expect("answers")
}
