//! The storage layer alone, without HTTP: one suite, run on SQLite and on PostgreSQL through
//! the `Store` trait the server uses (each case on a fresh database).

use std::cell::RefCell;
use std::collections::HashMap;

use pde_api::wallet_number::WalletNumber;
use pde_api::DepositId;
use pde_crypto::document::DocumentId;
use pde_crypto::wallet::WalletKey;
use pde_server::ids::{UploadId, WalletId};
use pde_server::store::{
    CreateUploadOutcome, CreateWalletOutcome, DepositRecord, DocumentRecord, InviteUse, NewWallet,
    Store, UploadRecord,
};

const NOW: i64 = 1_800_000_000;
/// No server-wide cap in these cases unless a case says so.
const NO_CAP: i64 = i64::MAX;

/// Runs each case against a fresh SQLite file and a fresh PostgreSQL database.
macro_rules! on_both_backends {
    ($($case:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test]
            async fn $case() {
                let dir = tempfile::tempdir().expect("temp dir");
                let store = pde_server::store::SqliteStore::open(&dir.path().join("pde.sqlite"))
                    .await
                    .expect("open SQLite");
                super::ready(&store).await;
                super::$case(&store).await;
            })*
        }
        mod postgres {
            $(#[tokio::test]
            async fn $case() {
                let url = pde_tests::harness::create_postgres_database().await;
                let store = pde_server::store::PostgresStore::connect(&url)
                    .await
                    .expect("connect to PostgreSQL");
                super::ready(&store).await;
                super::$case(&store).await;
            })*
        }
    };
}

on_both_backends!(
    wallets_are_found_by_number_pseudonym_and_id,
    a_taken_pseudonym_and_a_taken_number_are_told_apart,
    creation_stops_at_the_server_cap_and_without_a_usable_invitation,
    sessions_live_while_used_and_end_when_idle_deleted_or_time_locked,
    uploads_reserve_the_quota_and_become_documents,
    deposit_links_take_documents_up_to_their_maximum_and_stop_when_revoked,
    tombstones_wait_and_a_restore_ends_everything_in_flight,
    administrators_enrol_once_confirm_once_and_only_active_ones_log_in,
    invitation_batches_count_their_wallets_keep_no_partner_by_default_and_stop_when_revoked,
    counters_count_a_wallet_and_its_hidden_parts_as_one_and_never_go_down,
    feedback_is_tagged_closed_and_deleted_by_day_and_its_budget_is_one_for_all,
    one_announcement_is_shown_at_a_time_until_it_ends,
);

async fn ready(store: &dyn Store) {
    store.migrate().await.expect("migrations");
}

/// The wallet number a case calls `label`: the same label, the same number within a case.
fn number(label: &str) -> WalletNumber {
    thread_local! {
        static NUMBERS: RefCell<HashMap<String, WalletNumber>> = RefCell::default();
    }
    NUMBERS.with(|numbers| {
        numbers
            .borrow_mut()
            .entry(label.to_owned())
            .or_insert_with(WalletNumber::generate)
            .clone()
    })
}

fn document_id(hex: &str) -> DocumentId {
    hex.parse().expect("a document id")
}

fn new_wallet(label: &str, pseudonym: Option<&str>) -> NewWallet {
    NewWallet {
        id: WalletId::random(),
        number: Some(number(label)),
        pseudonym: pseudonym.map(str::to_owned),
        recipient: WalletKey::generate().recipient(),
        password_file: vec![7; 64],
        ksf: "{}".to_owned(),
        slot_ksf: "{}".to_owned(),
        wrapped_keys: vec![("passphrase".to_owned(), "k1".to_owned(), vec![1, 2, 3])],
        recovery_verifier: Some(vec![9; 32]),
        hidden: None,
        created_at: NOW,
    }
}

async fn created(store: &dyn Store, wallet: &NewWallet) {
    let outcome = store
        .create_wallet(wallet, None, NO_CAP, NOW)
        .await
        .expect("create");
    assert!(matches!(outcome, CreateWalletOutcome::Created));
}

async fn wallets_are_found_by_number_pseudonym_and_id(store: &dyn Store) {
    let wallet = new_wallet("AAAABBBBCCCC", Some("marie"));
    created(store, &wallet).await;
    let by_number = store
        .wallet_by_number(&number("AAAABBBBCCCC"))
        .await
        .expect("lookup")
        .expect("found by number");
    let by_pseudonym = store
        .wallet_by_pseudonym("marie")
        .await
        .expect("lookup")
        .expect("found by pseudonym");
    let by_id = store
        .wallet_by_id(&wallet.id)
        .await
        .expect("lookup")
        .expect("found by id");
    for found in [&by_number, &by_pseudonym, &by_id] {
        assert_eq!(found.id, wallet.id);
        assert_eq!(found.recipient, wallet.recipient);
        assert_eq!(found.password_file, wallet.password_file);
    }
    assert_eq!(
        store
            .wrapped_key(&wallet.id, "passphrase")
            .await
            .expect("key"),
        Some(vec![1, 2, 3])
    );
    assert!(store.pseudonym_taken("marie").await.expect("taken"));
    assert!(!store.pseudonym_taken("paul").await.expect("taken"));
    assert!(store
        .wallet_by_number(&number("ZZZZZZZZZZZZ"))
        .await
        .expect("lookup")
        .is_none());
}

async fn a_taken_pseudonym_and_a_taken_number_are_told_apart(store: &dyn Store) {
    created(store, &new_wallet("AAAABBBBCCCC", Some("marie"))).await;
    let same_pseudonym = store
        .create_wallet(
            &new_wallet("DDDDEEEEFFFF", Some("marie")),
            None,
            NO_CAP,
            NOW,
        )
        .await
        .expect("create");
    assert!(matches!(
        same_pseudonym,
        CreateWalletOutcome::PseudonymTaken
    ));
    let same_number = store
        .create_wallet(&new_wallet("AAAABBBBCCCC", Some("paul")), None, NO_CAP, NOW)
        .await
        .expect("create");
    assert!(matches!(same_number, CreateWalletOutcome::NumberTaken));
    let same_number_no_pseudonym = store
        .create_wallet(&new_wallet("AAAABBBBCCCC", None), None, NO_CAP, NOW)
        .await
        .expect("create");
    assert!(matches!(
        same_number_no_pseudonym,
        CreateWalletOutcome::NumberTaken
    ));
    // Neither refusal left anything behind: the pseudonym is free, the new number unused.
    assert!(!store.pseudonym_taken("paul").await.expect("taken"));
    assert!(store
        .wallet_by_number(&number("DDDDEEEEFFFF"))
        .await
        .expect("lookup")
        .is_none());
}

/// An invitation code spent on a wallet.
fn code(code_hash: &[u8], keep_partner: bool) -> Option<InviteUse<'_>> {
    Some(InviteUse {
        code_hash,
        keep_partner,
    })
}

async fn creation_stops_at_the_server_cap_and_without_a_usable_invitation(store: &dyn Store) {
    let full = store
        .create_wallet(&new_wallet("AAAABBBBCCCC", None), None, 0, NOW)
        .await
        .expect("create");
    assert!(matches!(full, CreateWalletOutcome::ServerFull));
    let unknown_code = store
        .create_wallet(
            &new_wallet("AAAABBBBCCCC", None),
            code(&[1; 32], false),
            NO_CAP,
            NOW,
        )
        .await
        .expect("create");
    assert!(matches!(unknown_code, CreateWalletOutcome::InviteInvalid));
    store
        .create_invite(&[2; 32], 1, NOW + 3600, NOW)
        .await
        .expect("invite");
    assert!(store.invite_usable(&[2; 32], NOW).await.expect("usable"));
    let invited = store
        .create_wallet(
            &new_wallet("AAAABBBBCCCC", None),
            code(&[2; 32], false),
            NO_CAP,
            NOW,
        )
        .await
        .expect("create");
    assert!(matches!(invited, CreateWalletOutcome::Created));
    // One use only.
    assert!(!store.invite_usable(&[2; 32], NOW).await.expect("usable"));
    let again = store
        .create_wallet(
            &new_wallet("DDDDEEEEFFFF", None),
            code(&[2; 32], false),
            NO_CAP,
            NOW,
        )
        .await
        .expect("create");
    assert!(matches!(again, CreateWalletOutcome::InviteInvalid));
}

async fn sessions_live_while_used_and_end_when_idle_deleted_or_time_locked(store: &dyn Store) {
    let wallet = new_wallet("AAAABBBBCCCC", None);
    created(store, &wallet).await;
    let (idle, absolute) = (600, 3600);
    assert!(store
        .create_session(&[1; 32], &wallet.id, NOW)
        .await
        .expect("session"));
    assert_eq!(
        store
            .touch_session(&[1; 32], NOW + 500, idle, absolute)
            .await
            .expect("touch"),
        Some(wallet.id.clone())
    );
    // Used at +500: alive at +1000, over its idle time at +1200.
    assert!(store
        .touch_session(&[1; 32], NOW + 1000, idle, absolute)
        .await
        .expect("touch")
        .is_some());
    assert!(store
        .touch_session(&[1; 32], NOW + 1700, idle, absolute)
        .await
        .expect("touch")
        .is_none());

    assert!(store
        .create_session(&[2; 32], &wallet.id, NOW)
        .await
        .expect("session"));
    store.delete_session(&[2; 32]).await.expect("delete");
    assert!(store
        .touch_session(&[2; 32], NOW, idle, absolute)
        .await
        .expect("touch")
        .is_none());

    assert!(store
        .create_session(&[3; 32], &wallet.id, NOW)
        .await
        .expect("session"));
    store.time_lock(&wallet.id, NOW + 7200).await.expect("lock");
    assert!(store
        .touch_session(&[3; 32], NOW + 1, idle, absolute)
        .await
        .expect("touch")
        .is_none());
    assert_eq!(
        store
            .time_locked_until(&wallet.id, NOW + 1)
            .await
            .expect("locked"),
        Some(NOW + 7200)
    );
}

fn upload(wallet: &WalletId, document: DocumentId, len: i64) -> UploadRecord {
    UploadRecord {
        id: UploadId::random(),
        wallet_id: wallet.clone(),
        document_id: document,
        ciphertext_len: len,
        part_size: 1000,
        part_count: (len + 999) / 1000,
        created_at: NOW,
        expires_at: NOW + 3600,
    }
}

async fn uploads_reserve_the_quota_and_become_documents(store: &dyn Store) {
    let wallet = new_wallet("AAAABBBBCCCC", None);
    created(store, &wallet).await;
    let quota = 5000;
    let first = upload(
        &wallet.id,
        document_id("00112233445566778899aabbccddeeff"),
        3000,
    );
    assert!(matches!(
        store
            .create_upload(&first, quota, NO_CAP)
            .await
            .expect("upload"),
        CreateUploadOutcome::Created
    ));
    assert_eq!(store.wallet_usage(&wallet.id).await.expect("usage"), 3000);
    let too_much = upload(
        &wallet.id,
        document_id("ffeeddccbbaa99887766554433221100"),
        2500,
    );
    assert!(matches!(
        store
            .create_upload(&too_much, quota, NO_CAP)
            .await
            .expect("upload"),
        CreateUploadOutcome::QuotaExceeded
    ));
    assert_eq!(store.wallet_usage(&wallet.id).await.expect("usage"), 3000);

    for part in 0..3 {
        assert!(store
            .record_part(&first.id, part, 1000, NOW + 3600)
            .await
            .expect("part"));
    }
    assert_eq!(
        store.received_parts(&first.id).await.expect("parts"),
        vec![(0, 1000), (1, 1000), (2, 1000)]
    );
    let document = DocumentRecord {
        wallet_id: wallet.id.clone(),
        id: first.document_id,
        blob_key: "blob-1".to_owned(),
        size: 3000,
        metadata: vec![4; 100],
        tag: vec![5; 32],
        created_at: NOW,
        updated_at: NOW,
    };
    assert!(store
        .commit_upload(&first.id, &document, None)
        .await
        .expect("commit"));
    // Committed once: the upload is gone, the document listed, the bytes still counted.
    assert!(!store
        .commit_upload(&first.id, &document, None)
        .await
        .expect("commit again"));
    let listed = store.list_documents(&wallet.id).await.expect("list");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].metadata, document.metadata);
    assert_eq!(store.wallet_usage(&wallet.id).await.expect("usage"), 3000);
    // The same document id again is refused.
    let same_id = upload(&wallet.id, first.document_id, 100);
    assert!(matches!(
        store
            .create_upload(&same_id, quota, NO_CAP)
            .await
            .expect("upload"),
        CreateUploadOutcome::DocumentExists
    ));

    assert_eq!(
        store
            .delete_document(&wallet.id, &first.document_id, NOW)
            .await
            .expect("delete"),
        Some("blob-1".to_owned())
    );
    assert!(store
        .list_documents(&wallet.id)
        .await
        .expect("list")
        .is_empty());
    assert_eq!(store.wallet_usage(&wallet.id).await.expect("usage"), 0);
}

/// A deposit link of `wallet` for two documents, for an hour from `NOW`.
fn deposit_link(wallet: &WalletId, id: &DepositId) -> DepositRecord {
    DepositRecord {
        id: id.clone(),
        wallet_id: wallet.clone(),
        access_hash: id.as_str().as_bytes().to_vec(),
        recipient: WalletKey::generate().recipient(),
        key_id: Some(vec![3; 16]),
        recipient_check: vec![6; 32],
        label: vec![8; 40],
        max_files: 2,
        files_received: 0,
        created_at: NOW,
        expires_at: NOW + 3600,
        revoked_at: None,
    }
}

async fn deposit_links_take_documents_up_to_their_maximum_and_stop_when_revoked(store: &dyn Store) {
    let wallet = new_wallet("AAAABBBBCCCC", None);
    created(store, &wallet).await;
    let (d1, d2) = (DepositId::random(), DepositId::random());
    let link = |id: &DepositId| deposit_link(&wallet.id, id);
    store.create_deposit(&link(&d1)).await.expect("deposit");
    store.create_deposit(&link(&d2)).await.expect("deposit");
    assert!(store.take_deposit_slot(&d1, NOW).await.expect("slot"));
    assert!(store.take_deposit_slot(&d1, NOW).await.expect("slot"));
    assert!(!store.take_deposit_slot(&d1, NOW).await.expect("slot"));
    store.give_back_deposit_slot(&d1).await.expect("give back");
    assert!(store.take_deposit_slot(&d1, NOW).await.expect("slot"));
    // Expired, then revoked: no more.
    assert!(!store
        .take_deposit_slot(&d2, NOW + 3600)
        .await
        .expect("slot"));
    assert!(store
        .revoke_deposit(&wallet.id, &d2, NOW)
        .await
        .expect("revoke"));
    assert!(!store.take_deposit_slot(&d2, NOW).await.expect("slot"));
    let listed = store.wallet_deposits(&wallet.id).await.expect("list");
    assert_eq!(listed.len(), 2);
    let d2 = store.deposit(&d2).await.expect("deposit").expect("found");
    assert_eq!(d2.revoked_at, Some(NOW));
    assert_eq!(d2.key_id, Some(vec![3; 16]));
}

async fn tombstones_wait_and_a_restore_ends_everything_in_flight(store: &dyn Store) {
    // Tombstones: the first time counts; due only once old enough; forgotten when done.
    store
        .tombstone_blobs(&["old".to_owned()], NOW)
        .await
        .expect("tombstone");
    store
        .tombstone_blobs(&["old".to_owned(), "new".to_owned()], NOW + 100)
        .await
        .expect("tombstone");
    assert!(store.tombstoned("new").await.expect("tombstoned"));
    assert!(!store.tombstoned("other").await.expect("tombstoned"));
    assert_eq!(
        store.tombstones_due(NOW + 50).await.expect("due"),
        vec!["old".to_owned()]
    );
    store.forget_tombstone("old").await.expect("forget");
    assert_eq!(
        store.tombstones_due(NOW + 100).await.expect("due"),
        vec!["new".to_owned()]
    );

    // A wallet with a session, an upload in flight, a document and a deposit link.
    let wallet = new_wallet("AAAABBBBCCCC", None);
    created(store, &wallet).await;
    assert!(store
        .create_session(&[1; 32], &wallet.id, NOW)
        .await
        .expect("session"));
    let kept = upload(
        &wallet.id,
        document_id("00112233445566778899aabbccddeeff"),
        3000,
    );
    store
        .create_upload(&kept, 10_000, NO_CAP)
        .await
        .expect("upload");
    let document = DocumentRecord {
        wallet_id: wallet.id.clone(),
        id: kept.document_id,
        blob_key: "blob-kept".to_owned(),
        size: 3000,
        metadata: vec![4; 100],
        tag: vec![5; 32],
        created_at: NOW,
        updated_at: NOW,
    };
    assert!(store
        .commit_upload(&kept.id, &document, None)
        .await
        .expect("commit"));
    let in_flight = upload(
        &wallet.id,
        document_id("ffeeddccbbaa99887766554433221100"),
        2000,
    );
    store
        .create_upload(&in_flight, 10_000, NO_CAP)
        .await
        .expect("upload");
    assert_eq!(store.wallet_usage(&wallet.id).await.expect("usage"), 5000);
    let deposit = deposit_link(&wallet.id, &DepositId::random());
    store.create_deposit(&deposit).await.expect("deposit");
    assert_eq!(
        store.referenced_blobs().await.expect("referenced"),
        vec!["blob-kept".to_owned()]
    );

    store
        .after_restore(NOW - 86_400, NOW + 10)
        .await
        .expect("after restore");
    assert!(store
        .touch_session(&[1; 32], NOW + 10, 600, 3600)
        .await
        .expect("touch")
        .is_none());
    assert!(!store.upload_exists(&in_flight.id).await.expect("upload"));
    assert_eq!(
        store.wallet_usage(&wallet.id).await.expect("usage"),
        3000,
        "the unfinished upload's reservation is given back"
    );
    assert_eq!(store.storage_used().await.expect("used"), 3000);
    assert_eq!(
        store
            .deposit(&deposit.id)
            .await
            .expect("deposit")
            .expect("kept")
            .revoked_at,
        Some(NOW + 10)
    );
    assert!(store
        .tombstones_due(i64::MAX)
        .await
        .expect("due")
        .is_empty());
    assert_eq!(
        store.list_documents(&wallet.id).await.expect("list").len(),
        1
    );
    assert_eq!(
        store.wallet_ids().await.expect("ids"),
        vec![wallet.id.clone()]
    );
    // The notice, once.
    assert_eq!(
        store
            .take_restored_notice(&wallet.id)
            .await
            .expect("notice"),
        Some(NOW - 86_400)
    );
    assert_eq!(
        store
            .take_restored_notice(&wallet.id)
            .await
            .expect("notice"),
        None
    );
}

fn new_admin(name: &str, enrol_hash: &[u8]) -> pde_server::store::admin::NewAdmin {
    pde_server::store::admin::NewAdmin {
        id: uuid::Uuid::new_v4().to_string(),
        name: name.to_owned(),
        role: pde_api::admin::AdminRole::Coordinator,
        created_at: NOW,
        enrol_hash: enrol_hash.to_vec(),
        enrol_expires_at: NOW + 3600,
    }
}

fn passkey_of(admin_id: &str, credential: u8) -> pde_server::store::admin::PasskeyRecord {
    pde_server::store::admin::PasskeyRecord {
        id: format!("passkey-{credential}"),
        admin_id: admin_id.to_owned(),
        credential_id: vec![credential; 16],
        passkey: "{}".to_owned(),
        label: "phone".to_owned(),
        created_at: NOW,
        last_used_at: None,
    }
}

async fn administrators_enrol_once_confirm_once_and_only_active_ones_log_in(store: &dyn Store) {
    use pde_server::store::admin::{AdminState, CeremonyRecord, PasskeyRemoval};

    let amina = new_admin("Amina", &[1; 32]);
    let amina_id = amina.id.clone();
    assert!(store.create_admin(amina).await.expect("create"));
    assert!(
        !store
            .create_admin(new_admin("Amina", &[2; 32]))
            .await
            .expect("create"),
        "a name is never given twice"
    );
    assert!(
        store
            .admin_by_enrol_hash(&[1; 32], NOW + 3600)
            .await
            .expect("link")
            .is_none(),
        "an hour later the link is dead"
    );
    let found = store
        .admin_by_enrol_hash(&[1; 32], NOW + 10)
        .await
        .expect("link")
        .expect("the link works");
    assert_eq!(found.state, AdminState::Enrolling);

    // A ceremony is taken once, and only before it expires.
    let ceremony = |id: &str, expires_at| CeremonyRecord {
        id: id.to_owned(),
        kind: "enrol".to_owned(),
        admin_id: Some(amina_id.clone()),
        session_hash: None,
        state: "{}".to_owned(),
        expires_at,
    };
    for id in ["c1", "c2"] {
        assert!(store
            .put_ceremony(ceremony(id, NOW + 300), 2, NOW)
            .await
            .expect("put"));
    }
    // At most so many at once: a third waits until one ends.
    assert!(
        !store
            .put_ceremony(ceremony("c3", NOW + 300), 2, NOW)
            .await
            .expect("put"),
        "the cap"
    );
    assert!(
        store
            .put_ceremony(ceremony("c3", NOW + 600), 2, NOW + 300)
            .await
            .expect("put"),
        "expired ones do not count"
    );
    // Each kind has its own cap: logins, which anyone may start, never stop an enrolment or a
    // signed-in administrator's confirmation (and the reverse).
    let login = |id: &str| CeremonyRecord {
        kind: "login".to_owned(),
        admin_id: None,
        ..ceremony(id, NOW + 300)
    };
    for id in ["l1", "l2"] {
        assert!(
            store.put_ceremony(login(id), 2, NOW).await.expect("put"),
            "three enrolments under way do not count against logins"
        );
    }
    assert!(
        !store.put_ceremony(login("l3"), 2, NOW).await.expect("put"),
        "the logins' own cap"
    );
    assert_eq!(
        store.pending_ceremonies("login", NOW).await.expect("count"),
        2
    );
    assert_eq!(
        store.pending_ceremonies("enrol", NOW).await.expect("count"),
        3
    );
    assert_eq!(
        store
            .pending_ceremonies("enrol", NOW + 300)
            .await
            .expect("count"),
        1,
        "expired ones are not under way"
    );
    assert!(
        store
            .take_ceremony("c1", "login", NOW)
            .await
            .expect("take")
            .is_none(),
        "kind"
    );
    assert!(store
        .take_ceremony("c1", "enrol", NOW)
        .await
        .expect("take")
        .is_some());
    assert!(
        store
            .take_ceremony("c1", "enrol", NOW)
            .await
            .expect("take")
            .is_none(),
        "once"
    );
    assert!(
        store
            .take_ceremony("c2", "enrol", NOW + 300)
            .await
            .expect("take")
            .is_none(),
        "expired"
    );

    // The enrolment spends the link once, within its hour; the code confirms once.
    assert!(
        !store
            .finish_enrolment(
                &[1; 32],
                passkey_of(&amina_id, 1),
                &[7; 32],
                NOW + 7200,
                NOW + 3600
            )
            .await
            .expect("finish"),
        "a ceremony ending after the link's hour ends nothing"
    );
    assert!(store
        .finish_enrolment(
            &[1; 32],
            passkey_of(&amina_id, 1),
            &[7; 32],
            NOW + 3600,
            NOW
        )
        .await
        .expect("finish"));
    assert!(
        !store
            .finish_enrolment(
                &[1; 32],
                passkey_of(&amina_id, 2),
                &[8; 32],
                NOW + 3600,
                NOW
            )
            .await
            .expect("finish"),
        "the link is spent"
    );
    assert!(
        store.active_passkeys().await.expect("passkeys").is_empty(),
        "not confirmed yet"
    );
    assert!(store
        .confirm_admin(&[9; 32], NOW)
        .await
        .expect("confirm")
        .is_none());
    assert_eq!(
        store
            .confirm_admin(&[7; 32], NOW)
            .await
            .expect("confirm")
            .as_deref(),
        Some("Amina")
    );
    assert!(
        store
            .confirm_admin(&[7; 32], NOW)
            .await
            .expect("confirm")
            .is_none(),
        "once"
    );
    assert_eq!(store.active_passkeys().await.expect("passkeys").len(), 1);

    // Passkeys: a known credential is refused; the last one stays.
    assert!(!store
        .add_passkey(passkey_of(&amina_id, 1))
        .await
        .expect("add"));
    assert!(store
        .add_passkey(passkey_of(&amina_id, 3))
        .await
        .expect("add"));
    assert_eq!(
        store
            .remove_passkey(&amina_id, "passkey-9", &[0; 32])
            .await
            .expect("remove"),
        PasskeyRemoval::NotFound
    );
    // Removing a passkey ends the other sessions (one may have been opened with it).
    for token in [[11; 32], [12; 32]] {
        store
            .open_admin_session(&token, &amina_id, NOW)
            .await
            .expect("session");
    }
    assert_eq!(
        store
            .remove_passkey(&amina_id, "passkey-1", &[11; 32])
            .await
            .expect("remove"),
        PasskeyRemoval::Removed
    );
    let alive = |token: [u8; 32]| async move {
        store
            .admin_session(&token, NOW + 1, 600, 3600)
            .await
            .expect("session")
            .is_some()
    };
    assert_eq!(
        (alive([11; 32]).await, alive([12; 32]).await),
        (true, false)
    );
    // Two removals at once of the last two passkeys: one goes, the last one stays.
    assert!(store
        .add_passkey(passkey_of(&amina_id, 4))
        .await
        .expect("add"));
    let (first, second) = tokio::join!(
        store.remove_passkey(&amina_id, "passkey-3", &[0; 32]),
        store.remove_passkey(&amina_id, "passkey-4", &[0; 32])
    );
    let mut outcomes = [first.expect("remove"), second.expect("remove")];
    outcomes.sort_by_key(|outcome| format!("{outcome:?}"));
    assert_eq!(outcomes, [PasskeyRemoval::Last, PasskeyRemoval::Removed]);
    let left = if store
        .remove_passkey(&amina_id, "passkey-3", &[0; 32])
        .await
        .expect("remove")
        == PasskeyRemoval::NotFound
    {
        "passkey-4"
    } else {
        "passkey-3"
    };
    assert_eq!(
        store
            .remove_passkey(&amina_id, left, &[0; 32])
            .await
            .expect("remove"),
        PasskeyRemoval::Last
    );

    // Sessions: idle and absolute limits; a revoked administrator's sessions end.
    store
        .open_admin_session(&[5; 32], &amina_id, NOW)
        .await
        .expect("session");
    let session = store
        .admin_session(&[5; 32], NOW + 100, 600, 3600)
        .await
        .expect("session")
        .expect("alive");
    assert_eq!(session.admin.name, "Amina");
    assert!(store
        .admin_session(&[5; 32], NOW + 701, 600, 3600)
        .await
        .expect("session")
        .is_none());
    store
        .open_admin_session(&[6; 32], &amina_id, NOW)
        .await
        .expect("session");
    store.mark_fresh(&[6; 32], NOW + 300).await.expect("fresh");
    assert_eq!(
        store
            .admin_session(&[6; 32], NOW + 1, 600, 3600)
            .await
            .expect("s")
            .map(|s| s.fresh_until),
        Some(NOW + 300)
    );
    assert!(store.revoke_admin("Amina").await.expect("revoke"));
    assert!(!store.revoke_admin("Nobody").await.expect("revoke"));
    assert!(store
        .admin_session(&[6; 32], NOW + 2, 600, 3600)
        .await
        .expect("s")
        .is_none());
    assert!(store.active_passkeys().await.expect("passkeys").is_empty());

    // The audit log: newest first.
    store
        .audit(NOW, "server", "enrolment_link_made", "Amina")
        .await
        .expect("audit");
    store
        .audit(NOW + 1, "Amina", "login", "phone")
        .await
        .expect("audit");
    let log = store.audit_log(10).await.expect("log");
    assert_eq!(
        log.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
        ["login", "enrolment_link_made"]
    );
}

/// The audit log can't be changed or emptied, even by a statement written by hand.
#[tokio::test]
async fn the_audit_log_refuses_changes_and_deletions_on_both_backends() {
    use pde_server::store::admin::AdminStore;
    use sqlx::Connection;

    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("pde.sqlite");
    let store = pde_server::store::SqliteStore::open(&path)
        .await
        .expect("open");
    ready(&store).await;
    store
        .audit(NOW, "server", "admin_confirmed", "Amina")
        .await
        .expect("audit");
    let mut sqlite = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display()))
        .await
        .expect("connect");
    for statement in [
        "UPDATE admin_audit SET actor = 'someone else'",
        "DELETE FROM admin_audit",
    ] {
        let refused = sqlx::query(statement).execute(&mut sqlite).await;
        assert!(
            refused.is_err_and(|e| e.to_string().contains("append-only")),
            "SQLite: {statement}"
        );
    }

    let url = pde_tests::harness::create_postgres_database().await;
    let store = pde_server::store::PostgresStore::connect(&url)
        .await
        .expect("connect");
    ready(&store).await;
    store
        .audit(NOW, "server", "admin_confirmed", "Amina")
        .await
        .expect("audit");
    let mut postgres = sqlx::PgConnection::connect(&url).await.expect("connect");
    for statement in [
        "UPDATE admin_audit SET actor = 'someone else'",
        "DELETE FROM admin_audit",
        "TRUNCATE admin_audit",
    ] {
        let refused = sqlx::query(statement).execute(&mut postgres).await;
        assert!(
            refused.is_err_and(|e| e.to_string().contains("append-only")),
            "PostgreSQL: {statement}"
        );
    }
    assert_eq!(store.audit_log(10).await.expect("log").len(), 1);
}

async fn invitation_batches_count_their_wallets_keep_no_partner_by_default_and_stop_when_revoked(
    store: &dyn Store,
) {
    use pde_server::store::invitations::{NewBatchRecord, PartnerRecord};
    let partner = |id: &str, label: &str| PartnerRecord {
        id: id.to_owned(),
        label: label.to_owned(),
        created_at: NOW,
    };
    assert!(store
        .add_partner(partner("p1", "Centre A"))
        .await
        .expect("add"));
    assert!(
        !store
            .add_partner(partner("p2", "Centre A"))
            .await
            .expect("add"),
        "once"
    );
    assert!(store
        .add_partner(partner("p3", "Service B"))
        .await
        .expect("add"));
    let labels: Vec<String> = store
        .partners()
        .await
        .expect("partners")
        .into_iter()
        .map(|p| p.label)
        .collect();
    assert_eq!(labels, ["Centre A", "Service B"]);
    let batch = |id: &str, partner_id: &str, hashes: &[[u8; 32]]| NewBatchRecord {
        id: id.to_owned(),
        partner_id: partner_id.to_owned(),
        created_by: "Amina".to_owned(),
        uses_per_code: 1,
        created_at: NOW,
        expires_at: NOW + 30 * 86_400,
        code_hashes: hashes.iter().map(|h| h.to_vec()).collect(),
    };
    assert!(
        !store
            .create_batch(batch("b0", "unknown", &[[9; 32]]))
            .await
            .expect("batch"),
        "a partner off the list is refused"
    );
    assert!(
        !store.invite_usable(&[9; 32], NOW).await.expect("usable"),
        "and no code kept"
    );
    assert!(store
        .create_batch(batch("b1", "p1", &[[4; 32], [5; 32], [6; 32]]))
        .await
        .expect("batch"));
    assert!(store
        .create_batch(batch("b2", "p3", &[[7; 32]]))
        .await
        .expect("batch"));

    // By default the wallet keeps no partner; with the setting, the batch's.
    let plain = new_wallet("AAAABBBBCCCC", None);
    let kept = new_wallet("DDDDEEEEFFFF", None);
    for (wallet, hash, keep) in [(&plain, [4; 32], false), (&kept, [7; 32], true)] {
        let outcome = store
            .create_wallet(wallet, code(&hash, keep), NO_CAP, NOW)
            .await
            .expect("create");
        assert!(matches!(outcome, CreateWalletOutcome::Created));
    }
    assert_eq!(
        store.wallet_partner(&plain.id).await.expect("partner"),
        None
    );
    assert_eq!(
        store
            .wallet_partner(&kept.id)
            .await
            .expect("partner")
            .as_deref(),
        Some("Service B")
    );
    let listed = store.batches().await.expect("batches");
    let made = |id: &str| {
        listed
            .iter()
            .find(|b| b.id == id)
            .map(|b| (b.codes, b.wallets_created, b.partner.clone()))
    };
    assert_eq!(made("b1"), Some((3, 1, "Centre A".to_owned())));
    assert_eq!(made("b2"), Some((1, 1, "Service B".to_owned())));

    // What the console shows: none of the week in course; all once it is over; a wallet made a
    // week later counts from the week after.
    const WEEK: i64 = 7 * 86_400;
    // The ISO week's start (Monday 00:00 UTC; 1970-01-05 was a Monday).
    let week = NOW - (NOW - 4 * 86_400).rem_euclid(WEEK);
    let b1 = listed.iter().find(|b| b.id == "b1").expect("b1");
    assert_eq!(
        (b1.created_before(week), b1.created_before(week + WEEK)),
        (0, 1)
    );
    let later = new_wallet("KKKKMMMMNNNN", None);
    assert!(matches!(
        store
            .create_wallet(&later, code(&[6; 32], false), NO_CAP, NOW + WEEK)
            .await
            .expect("create"),
        CreateWalletOutcome::Created
    ));
    let listed = store.batches().await.expect("batches");
    let b1 = listed.iter().find(|b| b.id == "b1").expect("b1");
    assert_eq!(
        (
            b1.wallets_created,
            b1.created_before(week + WEEK),
            b1.created_before(week + 2 * WEEK)
        ),
        (2, 1, 2)
    );

    // Revoked: the batch's other codes make nothing (its count stays); revoked once.
    assert!(store.invite_usable(&[5; 32], NOW).await.expect("usable"));
    let revoked = store
        .revoke_batch("b1", NOW + 10)
        .await
        .expect("revoke")
        .expect("revoked");
    assert_eq!(
        (revoked.revoked_at, revoked.wallets_created),
        (Some(NOW + 10), 2)
    );
    assert!(store
        .revoke_batch("b1", NOW + 20)
        .await
        .expect("revoke")
        .is_none());
    assert!(store
        .revoke_batch("nope", NOW)
        .await
        .expect("revoke")
        .is_none());
    assert!(!store.invite_usable(&[5; 32], NOW).await.expect("usable"));
    let refused = store
        .create_wallet(
            &new_wallet("GGGGHHHHJJJJ", None),
            code(&[6; 32], false),
            NO_CAP,
            NOW,
        )
        .await
        .expect("create");
    assert!(matches!(refused, CreateWalletOutcome::InviteInvalid));
    // A code made on the command line (no batch) still works.
    store
        .create_invite(&[8; 32], 1, NOW + 3600, NOW)
        .await
        .expect("invite");
    assert!(store.invite_usable(&[8; 32], NOW).await.expect("usable"));
}

/// Every counter as `(event, period start, partner) → count`.
async fn counters(store: &dyn Store) -> std::collections::BTreeMap<(String, i64, String), i64> {
    store
        .counters()
        .await
        .expect("counters")
        .into_iter()
        .map(|row| ((row.event, row.period_start, row.partner_id), row.count))
        .collect()
}

async fn counters_count_a_wallet_and_its_hidden_parts_as_one_and_never_go_down(store: &dyn Store) {
    use pde_server::store::invitations::{NewBatchRecord, PartnerRecord};
    use pde_server::{iso_week_start, month_start};
    const WEEK: i64 = 7 * 86_400;
    let week = iso_week_start(NOW);
    let next_week = iso_week_start(NOW + WEEK);
    let month = month_start(NOW);
    let key =
        |event: &str, period: i64, partner: &str| (event.to_owned(), period, partner.to_owned());
    store
        .add_partner(PartnerRecord {
            id: "p1".into(),
            label: "Centre A".into(),
            created_at: NOW,
        })
        .await
        .expect("partner");
    store
        .create_batch(NewBatchRecord {
            id: "b1".into(),
            partner_id: "p1".into(),
            created_by: "Amina".into(),
            uses_per_code: 1,
            created_at: NOW,
            expires_at: NOW + 3600,
            code_hashes: vec![vec![4; 32]],
        })
        .await
        .expect("batch");
    // One wallet from a slip (its partner counted at creation, not kept), one without.
    let slip = new_wallet("AAAABBBBCCCC", None);
    let open = new_wallet("DDDDEEEEFFFF", None);
    store
        .create_wallet(&slip, code(&[4; 32], false), NO_CAP, NOW)
        .await
        .expect("create");
    created(store, &open).await;
    let after_creations = counters(store).await;
    assert_eq!(after_creations.get(&key("created", week, "p1")), Some(&1));
    assert_eq!(after_creations.get(&key("created", week, "")), Some(&1));

    // A hidden part is no wallet: nothing is counted.
    let hidden = NewWallet {
        number: None,
        hidden: Some((slip.id.clone(), vec![3; 32])),
        ..new_wallet("GGGGHHHHJJJJ", None)
    };
    created(store, &hidden).await;
    assert_eq!(counters(store).await, after_creations, "a hidden part");

    // The first unlock of the week and of the month counts; the hidden part's, after it,
    // is the same wallet's.
    assert!(store
        .create_session(&[1; 32], &slip.id, NOW)
        .await
        .expect("session"));
    let after_unlock = counters(store).await;
    assert_eq!(after_unlock.get(&key("active_week", week, "")), Some(&1));
    assert_eq!(after_unlock.get(&key("active_month", month, "")), Some(&1));
    assert!(store
        .create_session(&[2; 32], &hidden.id, NOW + 60)
        .await
        .expect("session"));
    assert!(store
        .create_session(&[3; 32], &slip.id, NOW + 120)
        .await
        .expect("session"));
    assert_eq!(counters(store).await, after_unlock, "once a week");
    // The hidden part alone, first in a new week: the wallet is active that week.
    assert!(store
        .create_session(&[4; 32], &hidden.id, NOW + WEEK)
        .await
        .expect("session"));
    let after_next_week = counters(store).await;
    assert_eq!(
        after_next_week.get(&key("active_week", next_week, "")),
        Some(&1)
    );

    // Ending a hidden part alone ends no wallet; ending the wallet does, once.
    assert!(store
        .erase_wallet(&hidden.id, NOW + WEEK)
        .await
        .expect("erase"));
    assert_eq!(
        counters(store).await,
        after_next_week,
        "a hidden part ended"
    );
    assert!(store
        .erase_wallet(&slip.id, NOW + WEEK)
        .await
        .expect("erase"));
    let after_erasure = counters(store).await;
    assert_eq!(after_erasure.get(&key("erased", next_week, "")), Some(&1));

    // Nothing went down: every counter seen before is still there, at least as high.
    for (counter, count) in &after_creations {
        assert!(after_erasure.get(counter).is_some_and(|now| now >= count));
    }
}

async fn feedback_is_tagged_closed_and_deleted_by_day_and_its_budget_is_one_for_all(
    store: &dyn Store,
) {
    use pde_server::store::feedback::{ChangeRecord, FeedbackRecord};
    let day = NOW - NOW.rem_euclid(86_400);
    let feedback = |id: &str, day: i64| FeedbackRecord {
        id: id.to_owned(),
        day,
        face: "happy".to_owned(),
        comment: Some("clair".to_owned()),
        language: "nl".to_owned(),
        origin: "worker".to_owned(),
        tags: String::new(),
        closed: 0,
    };
    store.add_feedback(&feedback("bb", day)).await.expect("add");
    store
        .add_feedback(&feedback("aa", day - 40 * 86_400))
        .await
        .expect("add");
    store.add_feedback(&feedback("cc", day)).await.expect("add");
    let ids = |rows: Vec<FeedbackRecord>| rows.into_iter().map(|r| r.id).collect::<Vec<_>>();
    // Newest day first, then by the random id (not by arrival).
    assert_eq!(
        ids(store.feedback().await.expect("list")),
        ["bb", "cc", "aa"]
    );
    assert!(store
        .update_feedback("cc", "bug,idea", true)
        .await
        .expect("update"));
    assert!(!store
        .update_feedback("zz", "bug", true)
        .await
        .expect("update"));
    let cc = store
        .feedback()
        .await
        .expect("list")
        .into_iter()
        .find(|r| r.id == "cc")
        .expect("cc");
    assert_eq!((cc.tags.as_str(), cc.closed), ("bug,idea", 1));
    assert_eq!(
        store
            .delete_feedback_before(day - 30 * 86_400)
            .await
            .expect("delete"),
        1
    );
    assert_eq!(ids(store.feedback().await.expect("list")), ["bb", "cc"]);

    // One budget for every sender: two per window, whoever sends.
    let bucket = NOW / 60;
    assert!(store
        .count_feedback(bucket, bucket - 60, 2)
        .await
        .expect("1"));
    assert!(store
        .count_feedback(bucket, bucket - 60, 2)
        .await
        .expect("2"));
    assert!(!store
        .count_feedback(bucket, bucket - 60, 2)
        .await
        .expect("3"));
    assert_eq!(
        store.feedback_counted(bucket - 60).await.expect("sum"),
        (2, Some(bucket))
    );
    assert!(store
        .count_feedback(bucket + 61, bucket + 1, 2)
        .await
        .expect("an hour later"));

    let change = |id: &str, day: i64| ChangeRecord {
        id: id.to_owned(),
        day,
        text_fr: "Boutons plus grands".to_owned(),
        text_nl: String::new(),
        text_en: "Bigger buttons".to_owned(),
        text_ar: String::new(),
    };
    store
        .add_change(&change("c1", day - 86_400))
        .await
        .expect("add");
    store.add_change(&change("c2", day)).await.expect("add");
    let changes = store.changes().await.expect("changes");
    assert_eq!(
        changes.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        ["c2", "c1"]
    );
    assert_eq!(changes[0], change("c2", day));
    assert!(store.remove_change("c1").await.expect("remove"));
    assert!(!store.remove_change("c1").await.expect("again"));
    assert_eq!(store.changes().await.expect("changes").len(), 1);
}

async fn one_announcement_is_shown_at_a_time_until_it_ends(store: &dyn Store) {
    use pde_server::store::announcements::AnnouncementRecord;
    let announcement = |id: &str, starts_at: i64, days: i64| AnnouncementRecord {
        id: id.to_owned(),
        text_fr: format!("annonce {id}"),
        text_nl: "aankondiging".to_owned(),
        text_en: "announcement".to_owned(),
        text_ar: "إعلان".to_owned(),
        starts_at,
        ends_at: starts_at + days * 86_400,
        created_by: "Amina".to_owned(),
    };
    assert_eq!(store.current_announcement(NOW).await.expect("none"), None);
    store
        .post_announcement(&announcement("a1", NOW, 7))
        .await
        .expect("post");
    let shown = store.current_announcement(NOW + 3600).await.expect("shown");
    assert_eq!(shown.map(|a| a.id), Some("a1".to_owned()));
    assert_eq!(
        store
            .current_announcement(NOW + 7 * 86_400)
            .await
            .expect("after its end"),
        None
    );
    // A new one ends the one shown.
    store
        .post_announcement(&announcement("a2", NOW + 86_400, 3))
        .await
        .expect("post");
    let listed = store.announcements().await.expect("list");
    assert_eq!(
        listed
            .iter()
            .map(|a| (a.id.as_str(), a.ends_at))
            .collect::<Vec<_>>(),
        [("a2", NOW + 4 * 86_400), ("a1", NOW + 86_400)]
    );
    assert_eq!(
        store
            .current_announcement(NOW + 2 * 86_400)
            .await
            .expect("shown")
            .map(|a| a.id),
        Some("a2".to_owned())
    );
    // Ended early: shown no more, and once only.
    let ended = store
        .end_announcement("a2", NOW + 2 * 86_400)
        .await
        .expect("end");
    assert_eq!(ended.map(|a| a.id), Some("a2".to_owned()));
    assert_eq!(
        store
            .end_announcement("a2", NOW + 2 * 86_400 + 1)
            .await
            .expect("again"),
        None
    );
    assert_eq!(
        store
            .current_announcement(NOW + 2 * 86_400 + 1)
            .await
            .expect("none"),
        None
    );
}
