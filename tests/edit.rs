//! `rapor edit` from outside: a real editor process on a free loopback
//! port, spoken to over TCP as a browser would (and as an attacker would),
//! on a copy of the example site.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use common::*;

/// A running `rapor edit`, stopped when dropped.
struct Editor {
    child: Child,
    addr: String,
    token: String,
}

impl Drop for Editor {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(site: &Path) -> Editor {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rapor"))
        .args(["edit", "--port", "0", "--no-open", "--lang", "en"])
        .arg("--site")
        .arg(site)
        // Never the keyring of the person running the tests.
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start rapor edit");
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let deadline = Instant::now() + Duration::from_secs(60);
    let url = loop {
        assert!(Instant::now() < deadline, "the editor did not start");
        let line = lines.next().expect("editor output").unwrap();
        if let Some(rest) = line.split(" at http://").nth(1) {
            break rest.split_whitespace().next().unwrap().to_string();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    let (addr, token) = url.split_once('/').unwrap();
    Editor {
        child,
        addr: addr.to_string(),
        token: token.trim_end_matches('/').to_string(),
    }
}

/// Sends `raw` as it is: (status, head, body).
fn request(addr: &str, raw: &[u8]) -> (u16, String, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    s.write_all(raw).unwrap();
    let mut answer = Vec::new();
    let _ = s.read_to_end(&mut answer);
    let text = String::from_utf8_lossy(&answer).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    (status, head.to_string(), body.to_string())
}

fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

impl Editor {
    fn get(&self, path: &str) -> (u16, String) {
        let raw = format!(
            "GET /{}/{path} HTTP/1.0\r\nHost: {}\r\n\r\n",
            self.token, self.addr
        );
        let (s, _, b) = request(&self.addr, raw.as_bytes());
        (s, b)
    }

    /// A POST as the editor's own script sends it.
    fn post(&self, path: &str, content_type: &str, body: &[u8]) -> (u16, String) {
        self.post_as(path, content_type, body, &self.headers())
    }

    fn headers(&self) -> String {
        format!(
            "Host: {a}\r\nOrigin: http://{a}\r\nX-Rapor-Token: {t}\r\nAccept: application/json\r\n",
            a = self.addr,
            t = self.token
        )
    }

    fn post_as(&self, path: &str, content_type: &str, body: &[u8], headers: &str) -> (u16, String) {
        let mut raw = format!(
            "POST /{}/{path} HTTP/1.0\r\n{headers}Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            self.token,
            body.len()
        )
        .into_bytes();
        raw.extend_from_slice(body);
        let (s, _, b) = request(&self.addr, &raw);
        (s, b)
    }

    fn save(&self, path: &str, pairs: &[(&str, &str)]) -> (u16, serde_json::Value) {
        self.save_as(path, pairs)
    }

    /// A form POST to any address, answered in JSON.
    fn save_as(&self, path: &str, pairs: &[(&str, &str)]) -> (u16, serde_json::Value) {
        let (s, b) = self.post(
            path,
            "application/x-www-form-urlencoded",
            form(pairs).as_bytes(),
        );
        (
            s,
            serde_json::from_str(&b).unwrap_or(serde_json::Value::Null),
        )
    }
}

#[test]
fn a_save_changes_only_the_edited_value_and_keeps_the_comments() {
    let site = site("example");
    let ed = start(site.path());
    let rel = "content/trainings/barbershop-2025/index.md";
    let before = read(&site.path().join(rel));
    let (status, page) = ed.get("record/training/barbershop-2025");
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("name=\"title\""), "{page}");
    assert!(page.contains("name=\"photos[0].alt\""), "{page}");
    assert!(
        page.contains("name=\"cost.partner_contribution_idr\" value=\"12.500.000\""),
        "{page}"
    );
    assert!(page.contains(">Save</button>"), "{page}");

    let (status, j) = ed.save(
        "record/training/barbershop-2025",
        &[
            ("title", "Pelatihan Barbershop Angkatan I"),
            ("cost.partner_contribution_idr", "13.000.000"),
        ],
    );
    assert_eq!(status, 200, "{j}");
    assert_eq!(j["ok"], true, "{j}");
    let after = read(&site.path().join(rel));
    let expected = before
        .replace(
            "title: Pelatihan Barbershop\n",
            "title: Pelatihan Barbershop Angkatan I\n",
        )
        .replace(
            "partner_contribution_idr: 12500000",
            "partner_contribution_idr: 13000000",
        );
    assert_eq!(after, expected);
    let (status, _) = ed.get("preview/public/trainings/barbershop-2025/");
    assert_eq!(status, 200);
    let (_, preview) = ed.get("preview/public/trainings/barbershop-2025/index.html");
    assert!(preview.contains("Angkatan I"), "the preview is not rebuilt");
    assert!(rapor(site.path(), &["check"]).status.success());

    // Undo puts the file back as it was, byte for byte.
    let (status, j) = ed.post("undo/training/barbershop-2025", "application/json", b"{}");
    assert_eq!(status, 200, "{j}");
    assert_eq!(read(&site.path().join(rel)), before);
}

#[test]
fn a_mistake_is_shown_beside_its_field_and_nothing_is_written() {
    let site = site("example");
    let ed = start(site.path());
    let rel = "content/trainings/barbershop-2025/index.md";
    let before = read(&site.path().join(rel));
    for (field, value) in [
        ("start", "2025-13-45"),
        ("skill", "juggling"),
        ("cost.state_budget_idr", "two million"),
        ("partners", "nobody"),
    ] {
        let (status, j) = ed.save("record/training/barbershop-2025", &[(field, value)]);
        assert_eq!(status, 422, "{field}: {j}");
        assert!(
            j["fields"].get(field).is_some(),
            "{field} has no problem beside it: {j}"
        );
        assert_eq!(read(&site.path().join(rel)), before, "{field}: written");
    }
    // Without script, the form comes back with the problem and the value sent.
    let body = form(&[("_token", &ed.token), ("start", "2025-13-45")]);
    let headers = format!("Host: {a}\r\nOrigin: http://{a}\r\n", a = ed.addr);
    let (status, page) = ed.post_as(
        "record/training/barbershop-2025",
        "application/x-www-form-urlencoded",
        body.as_bytes(),
        &headers,
    );
    assert_eq!(status, 422);
    assert!(page.contains("value=\"2025-13-45\""), "{page}");
    assert!(page.contains("aria-invalid=\"true\""), "{page}");
}

#[test]
fn a_new_training_is_written_like_rapor_new_writes_it() {
    let site = site("example");
    let ed = start(site.path());
    let (status, page) = ed.get("new/training");
    assert_eq!(status, 200);
    assert!(page.contains("name=\"id\""), "{page}");
    let (status, j) = ed.save(
        "new/training",
        &[
            ("id", "yoga-2026"),
            ("title", "Yoga Angkatan II"),
            ("skill", "yoga"),
            ("cycle", "2026-1"),
            ("start", "2026-02-02"),
            ("partners", ""),
            ("partners", "skb-randong"),
            ("status", "planned"),
            ("participants", "12"),
            ("draft", "false"),
        ],
    );
    assert_eq!(status, 200, "{j}");
    let text = read(&site.path().join("content/trainings/yoga-2026.md"));
    assert!(text.contains("title: Yoga Angkatan II"), "{text}");
    assert!(
        text.contains("partners: [skb-randong]") || text.contains("- skb-randong"),
        "{text}"
    );
    // The comments of `rapor new` are there.
    assert!(
        text.contains("# required: the training's title") || text.contains("#"),
        "{text}"
    );
    assert!(rapor(site.path(), &["check"]).status.success());
    // The same id again is refused, beside the id.
    let (status, j) = ed.save("new/training", &[("id", "yoga-2026"), ("title", "X")]);
    assert_eq!(status, 422);
    assert!(j["fields"].get("id").is_some(), "{j}");
}

#[test]
fn requests_without_the_token_or_from_elsewhere_change_nothing() {
    let site = site("example");
    let ed = start(site.path());
    let rel = "content/partners/skb-randong.yaml";
    let before = read(&site.path().join(rel));
    let body = form(&[("name", "Hacked")]);
    let a = &ed.addr;
    let t = &ed.token;
    let cases: Vec<(String, String)> = vec![
        // No token anywhere.
        (
            format!("/{t}/record/partner/skb-randong"),
            format!("Host: {a}\r\nOrigin: http://{a}\r\n"),
        ),
        // A wrong token in the header.
        (
            format!("/{t}/record/partner/skb-randong"),
            format!(
                "Host: {a}\r\nOrigin: http://{a}\r\nX-Rapor-Token: {}x\r\n",
                &t[..63]
            ),
        ),
        // No token in the path.
        (
            "/record/partner/skb-randong".to_string(),
            format!("Host: {a}\r\nOrigin: http://{a}\r\nX-Rapor-Token: {t}\r\n"),
        ),
        // Another site's page.
        (
            format!("/{t}/record/partner/skb-randong"),
            format!("Host: {a}\r\nOrigin: http://evil.example\r\nX-Rapor-Token: {t}\r\n"),
        ),
        // No Origin at all.
        (
            format!("/{t}/record/partner/skb-randong"),
            format!("Host: {a}\r\nX-Rapor-Token: {t}\r\n"),
        ),
        // DNS rebinding: another host name.
        (
            format!("/{t}/record/partner/skb-randong"),
            format!("Host: evil.example\r\nOrigin: http://evil.example\r\nX-Rapor-Token: {t}\r\n"),
        ),
    ];
    for (path, headers) in cases {
        let raw = format!(
            "POST {path} HTTP/1.0\r\n{headers}Content-Type: application/x-www-form-urlencoded\r\n\
             Content-Length: {}\r\n\r\n{body}",
            body.len()
        );
        let (status, _, _) = request(a, raw.as_bytes());
        assert!(
            status == 403 || status == 421 || status == 404,
            "{path} {headers:?}: {status}"
        );
        assert_eq!(read(&site.path().join(rel)), before, "{headers:?}");
    }
    // Reading needs the token too.
    let (status, _, _) = request(
        a,
        format!("GET /record/roster/barbershop-2025 HTTP/1.0\r\nHost: {a}\r\n\r\n").as_bytes(),
    );
    assert_eq!(status, 403);
    // An oversized body is refused before it is read.
    let raw = format!(
        "POST /{t}/record/partner/skb-randong HTTP/1.0\r\n{}Content-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: 999999999\r\n\r\nname=x",
        ed.headers()
    );
    let (status, _, _) = request(a, raw.as_bytes());
    assert_eq!(status, 413);
    assert_eq!(read(&site.path().join(rel)), before);
}

#[test]
fn records_are_named_by_kind_and_id_never_by_path() {
    let site = site("example");
    std::fs::write(site.path().join("secret.txt"), "outside content").unwrap();
    let ed = start(site.path());
    for path in [
        "record/training/..%2f..%2fsecret.txt",
        "record/training/../../secret.txt",
        "record/../../secret.txt",
        "record/training/%2e%2e",
        "record/file/secret.txt",
        "photo/training/barbershop-2025/..%2f..%2f..%2fsecret.txt",
        "preview/public/..%2f..%2fsecret.txt",
        "preview/../secret.txt",
    ] {
        let (status, body) = ed.get(path);
        assert!(status == 404 || status == 400, "{path}: {status}");
        assert!(!body.contains("outside content"), "{path}");
    }
    let (status, _) = ed.save("record/training/..%2f..%2fsecret", &[("title", "x")]);
    assert_eq!(status, 404);
    let (status, _) = ed.post(
        "photo/training/barbershop-2025?name=..%2F..%2F..%2Fevil.jpg",
        "application/octet-stream",
        &std::fs::read(
            site.path()
                .join("content/trainings/barbershop-2025/barbershop-1.jpg"),
        )
        .unwrap(),
    );
    assert_eq!(status, 200);
    assert!(!site.path().join("evil.jpg").exists());
    assert!(
        site.path()
            .join("content/trainings/barbershop-2025/evil.jpg")
            .exists()
    );
}

/// A photo no other record has.
fn new_jpeg() -> Vec<u8> {
    let img = image::RgbImage::from_fn(160, 120, |x, y| image::Rgb([x as u8, y as u8, 90]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
    out.into_inner()
}

#[test]
fn a_photo_starts_internal_until_its_consent_box_is_ticked() {
    let site = site("example");
    let ed = start(site.path());
    let jpg = new_jpeg();
    let (status, j) = ed.post(
        "photo/training/yoga-2025?name=Kelas%20Meubel.JPG",
        "application/octet-stream",
        &jpg,
    );
    assert_eq!(status, 200, "{j}");
    let j: serde_json::Value = serde_json::from_str(&j).unwrap();
    let src = j["src"].as_str().unwrap().to_string();
    assert_eq!(src, "yoga-2025-kelas-meubel.jpg");
    let (status, _) = ed.get(&format!("photo/training/yoga-2025/{src}"));
    assert_eq!(status, 200);
    // A photo without alt text is refused.
    let (status, j) = ed.save(
        "record/training/yoga-2025",
        &[
            ("_list", "photos"),
            ("photos[0].src", &src),
            ("photos[0].public", "false"),
        ],
    );
    assert_eq!(status, 422, "{j}");
    let (status, j) = ed.save(
        "record/training/yoga-2025",
        &[
            ("_list", "photos"),
            ("photos[0].src", &src),
            ("photos[0].alt", "Meja kayu yang baru diampelas"),
            ("photos[0].public", "false"),
        ],
    );
    assert_eq!(status, 200, "{j}");
    let text = read(&site.path().join("content/trainings/yoga-2025.md"));
    assert!(text.contains("public: false"), "{text}");
    let (_, public) = ed.get("preview/public/trainings/yoga-2025/index.html");
    assert!(
        !public.contains("Meja kayu yang baru diampelas"),
        "an unconsented photo is public"
    );
    // Consent given: the photo is published.
    let (status, j) = ed.save(
        "record/training/yoga-2025",
        &[
            ("_list", "photos"),
            ("photos[0].src", &src),
            ("photos[0].alt", "Meja kayu yang baru diampelas"),
            ("photos[0].public", "false"),
            ("photos[0].public", "true"),
        ],
    );
    assert_eq!(status, 200, "{j}");
    let (_, public) = ed.get("preview/public/trainings/yoga-2025/index.html");
    assert!(
        public.contains("alt=\"Meja kayu yang baru diampelas\""),
        "{public}"
    );
}

#[test]
fn a_roster_name_typed_into_a_story_is_flagged() {
    let site = site("example");
    let ed = start(site.path());
    let roster = read(
        &site
            .path()
            .join("content/internal/rosters/barbershop-2025.yaml"),
    );
    assert!(
        roster.contains("Fransiskus Jemadu"),
        "the canary is not planted"
    );
    for text in [
        "Kata Fransiskus Jemadu hari itu",
        "Kata FRANSISKUS\u{a0}jemadu hari itu",
        "Kata **Fransiskus**\nJemadu hari itu",
        "nomor WBP-2025-0142 ikut",
    ] {
        let body = serde_json::json!({ "text": text }).to_string();
        let (status, j) = ed.post("guard", "application/json", body.as_bytes());
        assert_eq!(status, 200);
        let j: serde_json::Value = serde_json::from_str(&j).unwrap();
        let found = j["found"].as_array().unwrap();
        assert_eq!(found.len(), 1, "{text:?}: {j}");
    }
    let body = serde_json::json!({ "text": "Pelatihan berjalan baik" }).to_string();
    let (_, j) = ed.post("guard", "application/json", body.as_bytes());
    assert!(j.contains("\"found\":[]"), "{j}");
}

/// The guard is asked on every keystroke, also while a save is being
/// checked: the two must never wait for each other.
#[test]
fn typing_while_saving_never_stalls_the_editor() {
    let site = site("example");
    let ed = Arc::new(start(site.path()));
    let saving = Arc::new(AtomicBool::new(true));
    let typist = {
        let (ed, saving) = (Arc::clone(&ed), Arc::clone(&saving));
        std::thread::spawn(move || {
            let body = serde_json::json!({ "text": "Kata Fransiskus Jemadu" }).to_string();
            let mut answers = Vec::new();
            while saving.load(Ordering::SeqCst) {
                answers.push(ed.post("guard", "application/json", body.as_bytes()).0);
            }
            answers
        })
    };
    for round in 0..8 {
        let title = format!("Pelatihan Barbershop {round}");
        let (status, j) = ed.save("record/training/barbershop-2025", &[("title", &title)]);
        assert_eq!((status, &j["ok"]), (200, &serde_json::json!(true)), "{j}");
    }
    saving.store(false, Ordering::SeqCst);
    let typed = typist.join().unwrap();
    assert!(typed.len() > 8, "the typist hardly typed: {typed:?}");
    assert!(typed.iter().all(|s| *s == 200), "{typed:?}");
}

#[test]
fn deleting_a_partner_others_name_is_refused_naming_them() {
    let site = site("example");
    let ed = start(site.path());
    let (status, j) = ed.post("delete/partner/skb-randong", "application/json", b"{}");
    assert_eq!(status, 422, "{j}");
    assert!(j.contains("barbershop-2025"), "{j}");
    assert!(
        site.path()
            .join("content/partners/skb-randong.yaml")
            .exists()
    );
}

#[test]
fn the_bind_option_is_refused() {
    let site = site("example");
    let out = rapor(site.path(), &["edit", "--bind", "0.0.0.0", "--no-open"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("this computer only"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_roster_is_filled_from_a_spreadsheet_with_its_row_errors_shown() {
    let site = site("example");
    let ed = start(site.path());
    let roster = site
        .path()
        .join("content/internal/rosters/tata-rias-2025.yaml");
    assert!(!roster.exists());
    let mut csv = String::from(
        "No;No. Registrasi;Nama;Jenis Kelamin;Tahun Lahir;Hadir;Lulus;No. Sertifikat\n",
    );
    for i in 1..=10 {
        let (passed, cert) = if i == 10 {
            ("Tidak", String::new())
        } else {
            ("Ya", format!("SKB-RDG/TR/2025/{i:03}"))
        };
        csv.push_str(&format!(
            "{i};WBP-2025-{:04};Peserta Rias {i};P;{};18;{passed};{cert}\n",
            300 + i,
            1990 + i
        ));
    }
    let bad = csv.replace(";Peserta Rias 5;", ";;");
    let (status, j) = ed.post(
        "import/tata-rias-2025?name=peserta.csv",
        "application/octet-stream",
        bad.as_bytes(),
    );
    assert_eq!(status, 422, "{j}");
    assert!(
        j.contains("peserta.csv: row 6") && j.contains("Nama"),
        "{j}"
    );
    assert!(!roster.exists(), "a bad sheet wrote a roster");
    let (status, j) = ed.post(
        "import/tata-rias-2025?name=peserta.csv",
        "application/octet-stream",
        csv.as_bytes(),
    );
    assert_eq!(status, 200, "{j}");
    assert!(read(&roster).contains("Peserta Rias 5"));
    // Its page is internal, with the banner, and never in the public preview.
    let (_, page) = ed.get("record/roster/tata-rias-2025");
    assert!(page.contains("class=\"banner\""), "{page}");
    let (_, public) = ed.get("preview/public/trainings/tata-rias-2025/index.html");
    assert!(
        !public.contains("Peserta Rias"),
        "a roster name in the public preview"
    );
    assert!(rapor(site.path(), &["check"]).status.success());
}

#[test]
fn a_roster_is_typed_in_a_table_and_checked_against_its_training() {
    let site = site("example");
    let ed = start(site.path());
    let rel = "content/internal/rosters/barbershop-2025.yaml";
    let before = read(&site.path().join(rel));
    let (status, page) = ed.get("record/roster/barbershop-2025");
    assert_eq!(status, 200, "{page}");
    // A row per participant, a labelled control per cell named by its path.
    assert!(page.contains("<table class=\"grid\">"), "{page}");
    assert_eq!(
        page.matches("<tr class=\"item\"").count(),
        16 + 1,
        "16 rows and the template"
    );
    assert!(
        page.contains("name=\"participants[3].name\" value=\"Hironimus Jelahu\""),
        "{page}"
    );
    assert!(
        page.contains("<label class=\"cell-label\" for=\"f-participants-3-name\">"),
        "{page}"
    );
    // The preview of a roster is the internal site only.
    assert!(page.contains("data-public=\"\""), "{page}");
    assert!(!page.contains("data-site=\"public\""), "{page}");

    // The whole table, as the browser sends it.
    let roster: serde_yaml::Value = serde_yaml::from_str(&before).unwrap();
    let mut table: Vec<(String, String)> = vec![("_list".into(), "participants".into())];
    for (i, p) in roster["participants"]
        .as_sequence()
        .unwrap()
        .iter()
        .enumerate()
    {
        for (k, v) in p.as_mapping().unwrap() {
            let v = match v {
                serde_yaml::Value::String(s) => s.clone(),
                serde_yaml::Value::Number(n) => n.to_string(),
                serde_yaml::Value::Bool(b) => b.to_string(),
                other => panic!("{other:?}"),
            };
            table.push((format!("participants[{i}].{}", k.as_str().unwrap()), v));
        }
    }
    let send = |rows: &[(String, String)]| {
        let pairs: Vec<(&str, &str)> = rows.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        ed.save("record/roster/barbershop-2025", &pairs)
    };

    // A 17th row disagrees with the training's headcount of 16: refused,
    // nothing written.
    let mut longer = table.clone();
    for (k, v) in [
        ("id", "WBP-2025-0999"),
        ("name", "Peserta Tambahan"),
        ("gender", "m"),
        ("birth_year", "1990"),
        ("attendance", "20"),
        ("certified", "false"),
    ] {
        longer.push((format!("participants[16].{k}"), v.into()));
    }
    let (status, j) = send(&longer);
    assert_eq!(status, 422, "{j}");
    assert_eq!(j["ok"], false, "{j}");
    assert!(
        j.to_string().contains("17"),
        "the roster's count is named: {j}"
    );
    assert_eq!(read(&site.path().join(rel)), before, "a refused save wrote");

    // One cell changed: only that value moves, the comments stay.
    let mut edited = table.clone();
    for (k, v) in edited.iter_mut() {
        if k == "participants[3].post_test" {
            *v = "77".into();
        }
    }
    let (status, j) = send(&edited);
    assert_eq!(status, 200, "{j}");
    let after = read(&site.path().join(rel));
    let expected = before.replacen("post_test: 76", "post_test: 77", 1);
    assert_eq!(after, expected);
    assert_eq!(j["preview"]["public"], serde_json::Value::Null, "{j}");
    assert!(
        j["preview"]["internal"]
            .as_str()
            .is_some_and(|u| u.ends_with("/preview/internal/trainings/barbershop-2025/")),
        "{j}"
    );
    assert!(rapor(site.path(), &["check"]).status.success());
}

#[test]
fn a_training_form_offers_both_previews_for_its_internal_fields() {
    let site = site("example");
    let ed = start(site.path());
    let (_, page) = ed.get("record/training/barbershop-2025");
    let t = &ed.token;
    assert!(
        page.contains(&format!(
            "data-public=\"/{t}/preview/public/trainings/barbershop-2025/\" \
             data-internal=\"/{t}/preview/internal/trainings/barbershop-2025/\""
        )),
        "{page}"
    );
    // The internal fields are marked, so that the script knows which page
    // to show while they are edited.
    assert!(
        page.contains("<div class=\"f internal\" data-path=\"internal.notes\">"),
        "{page}"
    );
    let (_, internal) = ed.get("preview/internal/trainings/barbershop-2025/index.html");
    let (_, public) = ed.get("preview/public/trainings/barbershop-2025/index.html");
    assert!(
        internal.contains("Dua mesin cukur rusak"),
        "the internal page lacks its notes"
    );
    assert!(
        !public.contains("Dua mesin cukur rusak"),
        "internal notes in the public preview"
    );
}

#[test]
fn a_record_others_name_keeps_its_id_and_a_free_one_is_renamed_with_its_photos() {
    let site = site("example");
    let ed = start(site.path());
    let content = site.path().join("content");
    // A partner that trainings name: refused, naming them, nothing moved.
    let (status, j) = ed.save_as(
        "rename/partner/skb-randong",
        &[("new_id", "skb-randong-baru")],
    );
    assert_eq!(status, 422, "{j}");
    assert!(
        j.to_string().contains("barbershop-2025"),
        "the referrer is named: {j}"
    );
    assert!(content.join("partners/skb-randong.yaml").exists());
    assert!(!content.join("partners/skb-randong-baru.yaml").exists());

    // A training bundle its outcome and roster name: refused, the folder
    // where it was.
    let before = read(&content.join("trainings/barbershop-2025/index.md"));
    let (status, j) = ed.save_as(
        "rename/training/barbershop-2025",
        &[("new_id", "barbershop-i")],
    );
    assert_eq!(status, 422, "{j}");
    assert!(
        j.to_string().contains("outcomes/barbershop-2025.yaml"),
        "the outcome is named: {j}"
    );
    assert_eq!(
        read(&content.join("trainings/barbershop-2025/index.md")),
        before
    );
    assert!(!content.join("trainings/barbershop-i").exists());

    // Not an id, or one that is taken: beside the field.
    let (status, j) = ed.save_as(
        "rename/story/yoga-untuk-kesehatan-mental",
        &[("new_id", "Yoga Baru")],
    );
    assert_eq!(status, 422, "{j}");
    assert!(j["fields"]["new_id"].is_array(), "{j}");
    let (status, j) = ed.save_as(
        "rename/story/yoga-untuk-kesehatan-mental",
        &[("new_id", "sertifikat-kompetensi-wbp")],
    );
    assert_eq!(status, 422, "{j}");
    assert!(j["fields"]["new_id"].is_array(), "{j}");

    // A story bundle no one names: its folder moves, photo and all.
    let old = content.join("stories/rutan-ruteng-gandeng-mitra");
    let text = read(&old.join("index.md"));
    let (status, j) = ed.save_as(
        "rename/story/rutan-ruteng-gandeng-mitra",
        &[("new_id", "kerja-sama-mitra")],
    );
    assert_eq!(status, 200, "{j}");
    assert!(
        j["location"]
            .as_str()
            .is_some_and(|l| l.ends_with("/record/story/kerja-sama-mitra")),
        "{j}"
    );
    let new = content.join("stories/kerja-sama-mitra");
    assert!(!old.exists(), "the old folder is still there");
    assert_eq!(read(&new.join("index.md")), text, "the text changed");
    assert!(new.join("cover.jpg").exists(), "the photo did not move");
    let (status, _) = ed.get("record/story/kerja-sama-mitra");
    assert_eq!(status, 200);
    let (status, _) = ed.get("preview/public/stories/kerja-sama-mitra/index.html");
    assert_eq!(status, 200, "the preview is not rebuilt");
    assert!(rapor(site.path(), &["check"]).status.success());
}

/// `rapor` double-clicked in a folder without a site: it asks, makes one
/// in `situs/` on "ya", and opens its editor; "no" changes nothing.
#[test]
fn rapor_with_no_command_offers_a_site_then_opens_its_editor() {
    let run = |dir: &Path, answer: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_rapor"))
            .current_dir(dir)
            .args(["--lang", "en"])
            .env("BROWSER", "true")
            // As if at a console: the test speaks through a pipe.
            .env("RAPOR_START", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(answer.as_bytes())
            .unwrap();
        child
    };
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), "no\n").wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("holds no rapor site"));
    assert!(!dir.path().join("situs").exists());

    let mut child = run(dir.path(), "yes\n");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let opened = lines
        .by_ref()
        .take(5)
        .flatten()
        .any(|l| l.contains("http://127.0.0.1:"));
    let _ = child.kill();
    let _ = child.wait();
    assert!(opened, "the editor did not start");
    assert!(dir.path().join("situs/content/site.yaml").is_file());
}

/// Asks how far publish `job` is until it is done; its last status.
fn publish_finished(ed: &Editor, job: u64) -> serde_json::Value {
    for _ in 0..600 {
        let (status, body) = ed.get("publish/status");
        assert_eq!(status, 200, "{body}");
        let j: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(j["job"].as_u64(), Some(job), "{j}");
        if j["step"] == "done" {
            return j;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("publish {job} did not finish in a minute");
}

/// "Terbitkan": the targets of site.yaml, a dry run that changes nothing,
/// then a publish that builds first and sends the public site.
#[test]
fn the_publish_page_builds_then_publishes_to_a_target() {
    let site = site("example");
    let to = tempfile::tempdir().unwrap();
    let dest = to.path().join("situs");
    let yaml = site.path().join("content/site.yaml");
    let text = read(&yaml);
    std::fs::write(
        &yaml,
        format!(
            "{text}publish:\n  - name: usb\n    kind: folder\n    path: {}\n  - name: hosting\n    kind: ftp\n    host: files.example.id\n    user: rutan\n    password_env: RAPOR_TEST_NO_SUCH_VARIABLE\n",
            dest.display()
        ),
    )
    .unwrap();
    let ed = start(site.path());
    let (status, page) = ed.get("");
    assert_eq!(status, 200);
    assert!(page.contains(&format!("/{}/publish", ed.token)), "{page}");
    let (status, page) = ed.get("publish");
    assert_eq!(status, 200);
    assert!(
        page.contains("id=\"t-usb\"") && page.contains("id=\"t-hosting\""),
        "{page}"
    );
    // Only the FTP target, whose variable is not set, asks for a password,
    // and offers to remember it.
    assert_eq!(page.matches("type=\"password\"").count(), 1, "{page}");
    assert!(page.contains("name=\"remember\""), "{page}");

    let (status, j) = ed.save_as("publish", &[("target", "usb"), ("dry_run", "1")]);
    assert_eq!(status, 202, "{j}");
    let first = j["job"].as_u64().unwrap();
    let j = publish_finished(&ed, first);
    assert_eq!(j["ok"], true, "{j}");
    let lines = j["lines"].to_string();
    assert!(
        lines.contains("+ index.html") && lines.contains("dry run"),
        "{lines}"
    );
    assert!(!dest.exists(), "a dry run changed the target");
    // The page shows the outcome of the last publish.
    let (_, page) = ed.get("publish");
    assert!(
        page.contains("id=\"r-h\"") && page.contains("+ index.html"),
        "{page}"
    );

    let (status, j) = ed.save_as("publish", &[("target", "usb")]);
    assert_eq!(status, 202, "{j}");
    let job = j["job"].as_u64().unwrap();
    assert_eq!(job, first + 1);
    // While it runs, the page shows its bar and a second publish waits.
    // (The build alone takes far longer than the next request.)
    let (status, j2) = ed.save_as("publish", &[("target", "usb")]);
    assert_eq!(status, 409, "{j2}");
    assert!(j2["lines"].to_string().contains("still running"), "{j2}");
    let (_, page) = ed.get("publish");
    let status_now = ed.get("publish/status").1;
    if !status_now.contains("\"step\":\"done\"") {
        assert!(page.contains("<progress id=\"pub-bar\""), "{page}");
        assert!(page.contains(" disabled>"), "{page}");
    }
    let j = publish_finished(&ed, job);
    assert_eq!(j["ok"], true, "{j}");
    assert!(dest.join("index.html").is_file());
    assert!(dest.join(".rapor-publish.json").is_file());
    let public = tree(&site.path().join("output/public"));
    let mut sent = tree(&dest);
    sent.remove(".rapor-publish.json");
    assert_eq!(sent, public);
    // The progress counted every file sent, and every byte.
    assert_eq!(j["files_done"].as_u64(), Some(public.len() as u64), "{j}");
    assert_eq!(j["files"], j["files_done"], "{j}");
    let bytes: usize = public.values().map(Vec::len).sum();
    assert_eq!(j["bytes_done"].as_u64(), Some(bytes as u64), "{j}");

    // A target that fails says so, in words.
    let (_, j) = ed.save_as("publish", &[("target", "nowhere")]);
    let j = publish_finished(&ed, j["job"].as_u64().unwrap());
    assert_eq!(j["ok"], false, "{j}");
    assert!(j["lines"].to_string().contains("usb, hosting"), "{j}");
}
