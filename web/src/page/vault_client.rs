//! The page's side of the vault: starts the worker, sends commands, routes answers and
//! progress back to whoever asked.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use futures::channel::oneshot;
use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, File, MessageEvent, Worker, WorkerOptions, WorkerType};

use zeroize::Zeroizing;

use crate::protocol::{self, Command, Failure, Progress, Reply, Request, VaultMessage};

type ProgressFn = Box<dyn Fn(Progress)>;

struct Pending {
    answer: oneshot::Sender<(Reply, Option<Blob>)>,
    progress: Option<ProgressFn>,
}

struct Inner {
    worker: Worker,
    ready: Cell<bool>,
    /// Messages waiting for the vault to load.
    queued: RefCell<Vec<Object>>,
    pending: RefCell<HashMap<u32, Pending>>,
    next_id: Cell<u32>,
}

/// A handle on the vault worker (cheap to clone).
#[derive(Clone)]
pub struct VaultClient(Rc<Inner>);

thread_local! {
    static VAULT: RefCell<Option<VaultClient>> = const { RefCell::new(None) };
    /// Whose glue the vault worker loads (`vault.js` reads it from the worker's name): the
    /// holders' bundle's, or the grant link page's own.
    static VAULT_GLUE: Cell<&'static str> = const { Cell::new("pde_web") };
}

/// The vault worker runs the module of the bundle named `glue` (`pde_web` unless told
/// otherwise): the page hands it its own compiled module, which needs its own glue.
pub fn set_vault_glue(glue: &'static str) {
    VAULT_GLUE.with(|g| g.set(glue));
}

/// The page's vault, started on first use.
pub fn vault() -> Result<VaultClient, Failure> {
    if let Some(client) = VAULT.with(|v| v.borrow().clone()) {
        return Ok(client);
    }
    let client = VaultClient::start()?;
    VAULT.with(|v| *v.borrow_mut() = Some(client.clone()));
    Ok(client)
}

impl VaultClient {
    fn start() -> Result<Self, Failure> {
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        options.set_name(VAULT_GLUE.with(Cell::get));
        let worker =
            Worker::new_with_options("/vault.js", &options).map_err(|e| Failure::Unexpected {
                detail: format!("worker: {}", crate::api::describe(&e)),
            })?;
        let inner = Rc::new(Inner {
            worker,
            ready: Cell::new(false),
            queued: RefCell::new(Vec::new()),
            pending: RefCell::new(HashMap::new()),
            next_id: Cell::new(1),
        });
        let weak = Rc::downgrade(&inner);
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            if let Some(inner) = weak.upgrade() {
                inner.receive(event.data());
            }
        });
        inner
            .worker
            .set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        // The first message is this page's WebAssembly, compiled and checked against its
        // integrity hash: the vault runs exactly that code, fetched once.
        inner
            .worker
            .post_message(&wasm_bindgen::module())
            .map_err(|e| Failure::Unexpected {
                detail: format!("worker: {}", crate::api::describe(&e)),
            })?;
        Ok(Self(inner))
    }

    /// Sends `command` (with `file` attached) and waits for the answer; `progress` hears about
    /// long work.
    pub async fn call(
        &self,
        command: Command,
        file: Option<File>,
        progress: Option<ProgressFn>,
    ) -> Result<(Reply, Option<Blob>), Failure> {
        let id = self.0.next_id.get();
        self.0.next_id.set(id.wrapping_add(1));
        // The bytes may hold a typed secret: wiped here once copied into the message.
        let bytes = Zeroizing::new(protocol::encode(&Request { id, command }).map_err(|e| {
            Failure::Unexpected {
                detail: e.to_string(),
            }
        })?);
        let envelope = Object::new();
        let _ = Reflect::set(
            &envelope,
            &"request".into(),
            &Uint8Array::from(bytes.as_slice()),
        );
        if let Some(file) = &file {
            let _ = Reflect::set(&envelope, &"file".into(), file);
        }
        let (sender, receiver) = oneshot::channel();
        self.0.pending.borrow_mut().insert(
            id,
            Pending {
                answer: sender,
                progress,
            },
        );
        if self.0.ready.get() {
            self.0.post(&envelope);
        } else {
            self.0.queued.borrow_mut().push(envelope);
        }
        match receiver.await {
            Ok((Reply::Failed(failure), _)) => Err(failure),
            Ok(answer) => Ok(answer),
            Err(_) => Err(Failure::Unexpected {
                detail: "the vault stopped".into(),
            }),
        }
    }

    /// Sends `command` and expects no attachment.
    pub async fn ask(&self, command: Command) -> Result<Reply, Failure> {
        self.call(command, None, None).await.map(|(reply, _)| reply)
    }
}

impl Inner {
    fn post(&self, envelope: &Object) {
        if let Err(e) = self.worker.post_message(envelope) {
            web_sys::console::error_1(&e);
        }
    }

    fn receive(&self, data: JsValue) {
        let bytes = Reflect::get(&data, &"message".into())
            .ok()
            .and_then(|v| v.dyn_into::<Uint8Array>().ok())
            .map(|array| array.to_vec())
            .unwrap_or_default();
        let blob = Reflect::get(&data, &"blob".into())
            .ok()
            .and_then(|v| v.dyn_into::<Blob>().ok());
        let Some(message) = protocol::decode::<VaultMessage>(&bytes) else {
            return;
        };
        match message {
            VaultMessage::Ready => {
                self.ready.set(true);
                for envelope in self.queued.borrow_mut().drain(..) {
                    self.post(&envelope);
                }
            }
            VaultMessage::Progress { id, progress } => {
                crate::page::kiosk::note_activity();
                if let Some(report) = self
                    .pending
                    .borrow()
                    .get(&id)
                    .and_then(|p| p.progress.as_ref())
                {
                    report(progress);
                }
            }
            VaultMessage::Reply { id, reply } => {
                if let Some(pending) = self.pending.borrow_mut().remove(&id) {
                    let _ = pending.answer.send((reply, blob));
                }
            }
        }
    }
}

/// Ends the vault worker: whatever its memory still held (keys already zeroized, buffers,
/// the allocator's free pages) goes with it. The next call starts a fresh one.
pub fn end_vault() {
    if let Some(client) = VAULT.with(|v| v.borrow_mut().take()) {
        client.0.worker.terminate();
        // Anyone still waiting hears "the vault stopped".
        client.0.pending.borrow_mut().clear();
    }
}

/// Sends `command` to the page's vault and waits for the answer.
pub async fn ask(command: Command) -> Result<Reply, Failure> {
    vault()?.ask(command).await
}
