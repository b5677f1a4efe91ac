//! The statistics in the console: from the append-only counters, closed weeks only, frozen once
//! shown, nothing between 1 and k nor a total that would reveal it; a hidden part changes
//! nothing; the same figures as a CSV file.

use super::admin::{console_section_by_keyboard, coordinator_logged_in, read_admin};
use super::*;
use pde_api::admin::{self as admin_api, Figure, Statistics};

const SECRET: &str = "une phrase secrète pour compter";
const HIDDEN_SECRET: &str = "une autre phrase pour la partie cachée";
const WEEK: i64 = 7 * 86_400;

/// The statistics and the CSV file, as the console's page reads them.
async fn snapshot(b: &Browser) -> (Statistics, String) {
    let figures = read_admin(b, admin_api::STATISTICS.path).await;
    let csv = read_admin(b, admin_api::STATISTICS_CSV.path).await;
    (serde_json::from_str(&figures).expect("statistics"), csv)
}

/// Every figure between 1 and k-1 is hidden, and so is every total that holds one.
fn nothing_below_k_can_be_worked_out(stats: &Statistics) {
    let k = u64::from(stats.k);
    let shown_small = |figure: Figure| matches!(figure, Figure::Count(n) if n > 0 && n < k);
    for period in stats.weeks.iter().chain(&stats.months) {
        for event in &period.events {
            assert!(!shown_small(event.total), "{period:?}");
            let hidden = event
                .by_partner
                .iter()
                .any(|p| !matches!(p.figure, Figure::Count(_)));
            assert!(
                !(hidden && matches!(event.total, Figure::Count(_))),
                "a total reveals a hidden figure: {period:?}"
            );
            assert!(event.by_partner.iter().all(|p| !shown_small(p.figure)));
        }
    }
    for total in &stats.totals {
        let column_hidden = stats.weeks.iter().any(|week| {
            week.events
                .iter()
                .any(|e| e.event == total.event && !matches!(e.total, Figure::Count(_)))
        });
        assert!(
            !(column_hidden && matches!(total.total, Figure::Count(_))),
            "{total:?}"
        );
    }
}

/// Logs in again after the clock moved (the admin session ended meanwhile).
async fn back_in_console(b: &Browser, server: &TestServer) {
    b.client.goto(&server.admin_url).await.expect("open");
    b.click("#login").await;
    b.wait_for("#statistics-heading").await;
}

async fn counters(server: &TestServer) -> Vec<(String, i64, String, i64)> {
    server
        .open_store()
        .await
        .counters()
        .await
        .expect("counters")
        .into_iter()
        .map(|row| (row.event, row.period_start, row.partner_id, row.count))
        .collect()
}

#[tokio::test]
async fn statistics_show_closed_weeks_from_counters_and_nothing_below_k() {
    let (Some(_), Some(chromium), Some(axe)) = (web_dist(), chromium(), axe_script()) else {
        return;
    };
    let server = TestServer::start(Backend::Sqlite).await;
    let b = Browser::start(&chromium, "fr-BE").await;
    let mut problems = Vec::new();
    let mut step = 0;
    // The passkey lives with this DevTools session: kept for the logins after the clock moves.
    let _passkey = coordinator_logged_in(&b, &server, "Amina").await;
    b.wait_for("#statistics-none").await;

    // Six wallets this week, one with a hidden part; then the week ends.
    let numbers: Vec<String> = new_wallets(&server, 6, SECRET)
        .await
        .into_iter()
        .map(|(_, wallet)| wallet.number)
        .collect();
    server.advance_clock(WEEK).await;
    back_in_console(&b, &server).await;
    let (before, csv_before) = snapshot(&b).await;
    let first_week = before.weeks.last().expect("a closed week").clone();
    let created = |week: &admin_api::PeriodFigures| {
        week.events
            .iter()
            .find(|e| e.event == admin_api::StatEvent::Created)
            .map(|e| e.total)
    };
    assert_eq!(created(&first_week), Some(Figure::Count(6)));
    nothing_below_k_can_be_worked_out(&before);

    // This week: a wallet made, a hidden part added, a wallet with parts ended, a part opened.
    let counted_before_hidden = counters(&server).await;
    let client = PdeClient::new(&server.base_url);
    client.login(&numbers[0], SECRET).await.expect("login");
    let after_login = counters(&server).await;
    client
        .create_hidden_part(&numbers[0], HIDDEN_SECRET)
        .await
        .expect("hidden part");
    assert_eq!(
        counters(&server).await,
        after_login,
        "adding a hidden part changes no counter"
    );
    assert_ne!(
        counted_before_hidden, after_login,
        "the week's first unlock counts"
    );
    PdeClient::new(&server.base_url)
        .login_hidden(&numbers[0], HIDDEN_SECRET)
        .await
        .expect("the hidden part opens");
    assert_eq!(
        counters(&server).await,
        after_login,
        "opening a part of a wallet active this week changes nothing"
    );
    let ender = PdeClient::new(&server.base_url);
    ender.login(&numbers[0], SECRET).await.expect("login");
    ender
        .erase_wallet(&numbers[0], SECRET)
        .await
        .expect("erase");
    new_wallets(&server, 1, SECRET).await;
    b.client.refresh().await.expect("reload");
    b.wait_for("#statistics-heading").await;
    let (during, csv_during) = snapshot(&b).await;
    assert_eq!(during, before, "the open week is not shown");
    assert_eq!(csv_during, csv_before);

    // Once that week ends: the earlier week is as it was, the new one hides its small figures.
    server.advance_clock(WEEK).await;
    back_in_console(&b, &server).await;
    let (after, csv_after) = snapshot(&b).await;
    assert_eq!(after.weeks[..before.weeks.len()], before.weeks[..]);
    for line in csv_before
        .lines()
        .filter(|line| line.starts_with("\"week\""))
    {
        assert!(csv_after.contains(line), "{line} changed");
    }
    let second_week = after.weeks.last().expect("the new week");
    assert_eq!(created(second_week), Some(Figure::Withheld));
    let erased = second_week
        .events
        .iter()
        .find(|e| e.event == admin_api::StatEvent::Erased)
        .expect("erased");
    assert_eq!(
        erased.total,
        Figure::Withheld,
        "one wallet ended: not shown"
    );
    nothing_below_k_can_be_worked_out(&after);
    assert!(csv_after.contains("\"week\",\"") && csv_after.contains("\"<5\""));

    // The console shows them: the table, the chart and the file to download.
    let table = b
        .wait_for("#weekly-statistics tbody")
        .await
        .text()
        .await
        .expect("table");
    assert!(table.contains("masqué"), "{table}");
    let by_partner = b
        .wait_for("#partner-statistics tbody")
        .await
        .text()
        .await
        .expect("table");
    assert!(by_partner.contains("moins de 5"), "{by_partner}");
    assert_eq!(
        b.eval("return document.querySelectorAll('#weekly-chart svg circle').length")
            .await,
        json!(1),
        "one week's wallets made is shown: one point"
    );
    let href = b
        .wait_for("#statistics-csv")
        .await
        .attr("href")
        .await
        .expect("href");
    assert_eq!(
        href.as_deref(),
        Some(admin_api::url(admin_api::STATISTICS_CSV.path).as_str())
    );
    // With the keyboard alone: the section's link, Tab to the file, Enter: the same figures.
    console_section_by_keyboard(&b, &server, "statistics").await;
    b.wait_for("#statistics-csv").await;
    b.tab_to("#statistics-csv").await;
    b.press("\u{e007}").await;
    let (name, downloaded) = b.wait_for_download().await;
    assert_eq!(name, "pde-statistics.csv");
    assert_eq!(String::from_utf8_lossy(&downloaded), csv_after);
    b.eval("document.querySelector('#statistics-heading').scrollIntoView(); return true;")
        .await;
    problems.extend(shot(&b, &axe, "admin-fr", &mut step, "statistics").await);
    b.set_window_size(390, 844).await;
    b.click("nav button[lang='nl']").await;
    b.wait_for("html[lang='nl']").await;
    b.eval("document.querySelector('#statistics-heading').scrollIntoView(); return true;")
        .await;
    problems.extend(shot(&b, &axe, "admin-nl-phone", &mut step, "statistics").await);
    assert!(problems.is_empty(), "{problems:#?}");
}
