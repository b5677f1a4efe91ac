//! The transparency page: what the server keeps (from the data inventory), what it cannot see,
//! the published figures, who is responsible, rights, complaints, the licence; in four languages,
//! without a script; linked from the holders' "who sees what" screen and the worker's page.

use super::*;

const SECRET: &str = "une phrase secrète pour la transparence";
const WEEK: i64 = 7 * 86_400;
const CONTROLLER: &str = "Paradigm asbl <rue de l'Exemple 1, Bruxelles>";

#[tokio::test]
async fn the_transparency_page_says_what_is_kept_in_four_languages() {
    let (Some(_), Some(chromium), Some(axe)) = (web_dist(), chromium(), axe_script()) else {
        return;
    };
    let server = TestServer::start_with(
        Backend::Sqlite,
        &[
            "--controller",
            CONTROLLER,
            "--controller-contact",
            "vie-privee@paradigm.example",
            "--source-url",
            "https://example.org/pde.git",
        ],
    )
    .await;
    // Six wallets, one of them shared; then the week ends and its figures are published.
    let made = new_wallets(&server, 6, SECRET).await;
    let (link, opened) = &made[0];
    let shared = link
        .share(
            opened,
            &[("avis.pdf", "application/pdf", &b"%PDF-1.4 avis"[..])],
            None,
            30 * 86_400,
            None,
        )
        .await
        .expect("grant");
    server.advance_clock(WEEK).await;

    let b = Browser::start(&chromium, "fr-BE").await;
    let mut problems = Vec::new();
    let mut step = 0;
    let address = format!("{}/transparency", server.base_url);
    b.client.goto(&address).await.expect("open");
    b.wait_for("html[lang='fr'] h1").await;
    let page = b.body_text().await;
    assert!(page.contains("Ce que PDE garde") && page.contains("ne peut pas voir"));
    // The operator's words are text, never markup.
    assert_eq!(
        b.eval(
            "const c = document.querySelector('#controller');
             return [c.textContent, c.children.length];"
        )
        .await,
        json!([CONTROLLER, 0])
    );
    assert!(page.contains("vie-privee@paradigm.example") && page.contains("AGPL-3.0"));
    assert!(page.contains("https://example.org/pde.git"));
    assert!(page.contains("Autorité de protection des données"));
    // Every table of the inventory, and nothing runs on the page.
    let inventory = pde_server::inventory::inventory().expect("inventory");
    let tables: Vec<String> = serde_json::from_value(
        b.eval(
            "return [...document.querySelectorAll('details.inventory-table')]
                 .map(d => d.dataset.table);",
        )
        .await,
    )
    .expect("tables");
    assert_eq!(
        tables,
        inventory
            .table
            .iter()
            .map(|t| t.name.clone())
            .collect::<Vec<_>>()
    );
    assert_eq!(
        b.eval("return document.scripts.length").await,
        json!(0),
        "no script"
    );
    assert_inventory_in(&b, "fr").await;
    let published = b
        .wait_for("#published-weeks tbody")
        .await
        .text()
        .await
        .expect("figures");
    assert!(published.contains('6'), "{published}");
    let answer = reqwest::get(&address).await.expect("page");
    let policy = answer.headers()["content-security-policy"]
        .to_str()
        .expect("policy")
        .to_owned();
    assert!(
        policy.starts_with("default-src 'none'") && !policy.contains("script-src"),
        "{policy}"
    );
    problems.extend(shot(&b, &axe, "fr", &mut step, "transparency").await);

    // The same in Dutch and English, and in Arabic from right to left (on a phone).
    for (lang, title) in [("nl", "Wat PDE bewaart"), ("en", "What PDE keeps")] {
        b.click(&format!("nav.languages a[hreflang='{lang}']"))
            .await;
        b.wait_for(&format!("html[lang='{lang}'] h1")).await;
        assert!(b.body_text().await.contains(title));
        assert_inventory_in(&b, lang).await;
    }
    b.set_window_size(390, 844).await;
    b.click("nav.languages a[hreflang='ar']").await;
    b.wait_for("html[lang='ar'][dir='rtl'] h1").await;
    assert_inventory_in(&b, "ar").await;
    b.screenshot("ar-phone-transparency").await;
    // A table's details, opened as a reader does (Enter on its summary).
    b.tab_to("details[data-table='wallets'] summary").await;
    b.press("\u{e007}").await;
    b.wait_for("details[data-table='wallets'][open]").await;
    b.eval(
        "document.querySelector(\"details[data-table='wallets']\").scrollIntoView(); return true;",
    )
    .await;
    b.screenshot("ar-phone-transparency-inventory").await;
    problems.extend(
        b.axe_violations(&axe)
            .await
            .into_iter()
            .map(|v| format!("ar-phone-transparency: {v}")),
    );
    b.set_window_size(1280, 900).await;

    // From the holders' start page, in the holder's language.
    open_app_at(&b, &server, "/", "nl").await;
    let from_start = b
        .wait_for("#start-transparency")
        .await
        .attr("href")
        .await
        .expect("href");
    assert_eq!(from_start.as_deref(), Some("/transparency?lang=nl"));
    b.click("#start-transparency").await;
    b.wait_for("html[lang='nl'] h1").await;
    assert!(b.body_text().await.contains("Wat PDE bewaart"));

    // From the holders' "who sees what" screen, in the holder's language.
    open_app_at(&b, &server, "/", "fr").await;
    b.click("#start-who").await;
    let from_holders = b
        .wait_for("#who-transparency")
        .await
        .attr("href")
        .await
        .expect("href");
    assert_eq!(from_holders.as_deref(), Some("/transparency?lang=fr"));
    assert!(b.body_text().await.contains("Ce que PDE garde, en détail"));

    // From the worker's page of a grant link.
    b.client.goto("about:blank").await.expect("blank");
    b.client
        .goto(&format!(
            "{}/g/{}#{}",
            server.base_url,
            shared.grant_id.as_str(),
            shared.fragment.as_str()
        ))
        .await
        .expect("open the link");
    let from_workers = b
        .wait_for("#worker-transparency")
        .await
        .attr("href")
        .await
        .expect("href");
    assert!(
        from_workers
            .as_deref()
            .is_some_and(|href| href.starts_with("/transparency?lang=")),
        "{from_workers:?}"
    );
    assert!(problems.is_empty(), "{problems:#?}");

    // The screens' check finds an id used twice (one added here on purpose).
    b.eval("document.body.append(Object.assign(document.createElement('span'), { id: 'worker-transparency' })); return true;")
        .await;
    let found = b.axe_violations(&axe).await;
    assert!(
        found.contains(&"id used twice: worker-transparency".to_owned()),
        "the check of ids used twice works: {found:?}"
    );
}

/// Every detail of the inventory on the page is in `lang` (none falls back to the English), and
/// away from English the tables' purposes are not the inventory's English words.
async fn assert_inventory_in(b: &Browser, lang: &str) {
    let languages: Vec<String> = serde_json::from_value(
        b.eval(
            "return [...document.querySelectorAll('details [lang], details[lang]')]
                 .map(e => e.lang);",
        )
        .await,
    )
    .expect("languages");
    assert!(languages.len() > 300, "{}", languages.len());
    assert!(
        languages.iter().all(|l| l == lang),
        "{lang}: {:?}",
        languages.iter().filter(|l| *l != lang).collect::<Vec<_>>()
    );
    let purposes: Vec<String> = serde_json::from_value(
        b.eval(
            "return [...document.querySelectorAll('details.inventory-table summary span')]
                 .map(s => s.textContent);",
        )
        .await,
    )
    .expect("purposes");
    let inventory = pde_server::inventory::inventory().expect("inventory");
    let english: Vec<&str> = inventory.table.iter().map(|t| t.purpose.as_str()).collect();
    assert_eq!(purposes.len(), english.len());
    for (shown, english) in purposes.iter().zip(english) {
        assert_eq!(shown == english, lang == "en", "{lang}: {shown}");
    }
}
