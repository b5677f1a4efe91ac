//! Feedback: sent without cookies through the client the web form runs, paid with a proof of
//! work, kept with a random id and the day only, in no log line; refused with a PDE cookie, with
//! words that look like a name or a number, beyond the server's hourly budget; deleted after its
//! months.

use std::time::Duration;

use pde_api::feedback::{Face, FeedbackFrom, FeedbackRequest};
use pde_api::{ErrorBody, ErrorCode};

use super::*;

fn opinion(face: Face, comment: Option<&str>) -> FeedbackRequest {
    FeedbackRequest {
        face,
        comment: comment.map(str::to_owned),
        language: "fr".to_owned(),
        from: FeedbackFrom::Holder,
        proof: None,
    }
}

async fn send(client: &PdeClient, request: FeedbackRequest) -> Result<(), ClientError> {
    client.protocol().send_feedback(request).await
}

/// A raw `POST /feedback` (no cookie jar): its status and error body, if any.
async fn post_raw(server: &TestServer, body: &serde_json::Value) -> (u16, Option<ErrorBody>) {
    let answer = reqwest::Client::new()
        .post(format!(
            "{}{}{}",
            server.base_url,
            pde_api::API_PREFIX,
            pde_api::routes::FEEDBACK
        ))
        .json(body)
        .send()
        .await
        .expect("answer");
    let status = answer.status().as_u16();
    (status, answer.json().await.ok())
}

async fn feedback_kept(server: &TestServer) -> Vec<pde_server::store::feedback::FeedbackRecord> {
    server
        .open_store()
        .await
        .feedback()
        .await
        .expect("feedback")
}

async fn feedback_is_kept_with_its_day_only_and_nothing_ties_it_to_a_wallet(backend: Backend) {
    let server = TestServer::start(backend).await;
    let (holder, wallet) = new_wallet(&server).await;
    let anonymous = PdeClient::cookieless(&server.base_url);
    let terms = anonymous.protocol().feedback_terms().await.expect("terms");
    assert_eq!((terms.keep_months, terms.max_chars), (6, 500));

    // From the wallet's own client (its session cookie goes along): dropped.
    let with_cookie = send(&holder, opinion(Face::Happy, Some("Très clair")))
        .await
        .expect_err("a feedback with the session cookie");
    assert_eq!(refusal(&with_cookie), (400, ErrorCode::MalformedRequest));
    // Words that give a wallet number or a name: refused, and the same rule as the form's.
    for words in [
        format!("mon numéro est {}", wallet.number),
        "Bonjour, je m'appelle Fatima".to_owned(),
        "appelez le 0470 12 34 56".to_owned(),
    ] {
        assert!(pde_api::feedback::check_comment(&words).is_err(), "{words}");
        let refused = send(&anonymous, opinion(Face::Neutral, Some(&words)))
            .await
            .expect_err("identifying words");
        assert_eq!(
            refusal(&refused),
            (400, ErrorCode::InvalidFields),
            "{words}"
        );
    }
    assert!(feedback_kept(&server).await.is_empty());

    // Without cookies: the proof of work is asked, solved by the client, and the feedback kept.
    let before = unix_now();
    send(
        &anonymous,
        opinion(Face::Happy, Some("  Les boutons sont grands, merci  ")),
    )
    .await
    .expect("feedback sent");
    let kept = feedback_kept(&server).await;
    assert_eq!(kept.len(), 1);
    let row = &kept[0];
    assert!(
        row.id.len() == 32 && row.id.chars().all(|c| c.is_ascii_hexdigit()),
        "a random id: {}",
        row.id
    );
    let today = before - before.rem_euclid(86_400);
    assert!(
        row.day == today || row.day == today + 86_400,
        "the day only: {}",
        row.day
    );
    assert_eq!(
        (
            row.face.as_str(),
            row.comment.as_deref(),
            row.language.as_str(),
            row.origin.as_str(),
            row.tags.as_str(),
            row.closed
        ),
        (
            "happy",
            Some("Les boutons sont grands, merci"),
            "fr",
            "holder",
            "",
            0
        )
    );
    let record = server
        .open_store()
        .await
        .wallet_by_number(&wallet.number.parse().expect("number"))
        .await
        .expect("lookup")
        .expect("wallet");
    let stored = format!("{row:?}");
    for trace in [wallet.number.as_str(), record.id.as_str(), "127.0.0.1"] {
        assert!(!stored.contains(trace), "{trace} in {stored}");
    }

    // A proof is good once: the same one again is answered with a new challenge.
    let body = serde_json::to_value(opinion(Face::Unhappy, None)).expect("json");
    let (status, asked) = post_raw(&server, &body).await;
    assert_eq!(status, 429);
    let challenge = asked
        .and_then(|body| body.error.proof_of_work)
        .expect("a challenge")
        .challenge;
    assert_eq!(
        pde_crypto::proof::challenge_bits(&challenge.0),
        Some(pde_server::FEEDBACK_PROOF_BITS)
    );
    let nonce = pde_crypto::proof::solve(&challenge.0).expect("solved");
    let mut paid = body.clone();
    paid["proof"] = serde_json::json!({ "challenge": challenge, "nonce": nonce });
    assert_eq!(post_raw(&server, &paid).await.0, 204);
    let (status, again) = post_raw(&server, &paid).await;
    assert_eq!(
        (status, again.map(|body| body.error.code)),
        (429, Some(ErrorCode::ProofOfWorkRequired))
    );
    assert_eq!(feedback_kept(&server).await.len(), 2);

    // No line of the server's log is about feedback, while other requests are logged.
    let log = std::fs::read_to_string(server.log_path()).expect("log");
    assert!(log.contains("/wallets/register"), "the log works: {log}");
    for line in log.lines() {
        assert!(
            !line.contains(pde_api::routes::FEEDBACK),
            "a log line about feedback: {line}"
        );
    }
}

async fn the_feedback_budget_is_global_and_feedback_goes_after_its_months(backend: Backend) {
    let server = TestServer::start_with(
        backend,
        &[
            "--feedback-per-hour",
            "2",
            "--feedback-months",
            "1",
            "--sweep-interval-seconds",
            "1",
        ],
    )
    .await;
    // Two senders, one budget: nothing is counted per sender.
    let first = PdeClient::cookieless(&server.base_url);
    let second = PdeClient::cookieless(&server.base_url);
    send(&first, opinion(Face::Happy, None)).await.expect("1");
    send(&second, opinion(Face::Neutral, None))
        .await
        .expect("2");
    let busy = send(&first, opinion(Face::Unhappy, Some("encore")))
        .await
        .expect_err("the hour's budget is spent");
    assert_eq!(refusal(&busy), (429, ErrorCode::FeedbackBusy));
    let wait = busy.retry_after().expect("when to come back");
    assert!((1..=3660).contains(&wait), "{wait}");
    assert_eq!(feedback_kept(&server).await.len(), 2);
    server.advance_clock(3601).await;
    send(&second, opinion(Face::Unhappy, Some("encore")))
        .await
        .expect("an hour later");
    assert_eq!(feedback_kept(&server).await.len(), 3);

    // A month (and a day) later, the sweep deletes them.
    server.advance_clock(32 * 86_400).await;
    for _ in 0..100 {
        if feedback_kept(&server).await.is_empty() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("feedback older than --feedback-months is still kept");
}

on_both_backends!(
    feedback_is_kept_with_its_day_only_and_nothing_ties_it_to_a_wallet,
    the_feedback_budget_is_global_and_feedback_goes_after_its_months,
);
