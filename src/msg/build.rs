//! Messages of building: photos, themes, rendering, the internal site's
//! protection, writing output, watching for changes.

use super::Entry;

#[rustfmt::skip]
pub(super) const MESSAGES: &[Entry] = &[
    // photos
    ("progress_photos", "foto", "photos"),
    ("photo_empty",
     "berkas foto ini kosong (0 bita); salin lagi dari kamera atau ponsel",
     "this photo file is empty (0 bytes); copy it again from the camera or phone"),
    ("photo_heic",
     "ini foto HEIC (format iPhone) yang tidak bisa dibaca rapor; ekspor sebagai JPEG (di ponsel: Pengaturan > Kamera > Format > Paling Kompatibel) dan beri nama .jpg",
     "this is a HEIC photo (the iPhone format), which rapor cannot read; export it as JPEG (on the phone: Settings > Camera > Formats > Most Compatible) and name it .jpg"),
    ("photo_unreadable", "foto ini tidak bisa dibaca: {error}", "cannot read this photo: {error}"),
    ("photo_not_jpeg_png",
     "berkas ini bukan foto JPEG atau PNG (apa pun namanya); simpan sebagai JPEG",
     "this file is not a JPEG or PNG photo (whatever its name says); save it as JPEG"),
    ("photo_damaged",
     "foto ini rusak atau sebenarnya bukan {format}: {error}",
     "this photo is damaged or not really a {format}: {error}"),
    ("photo_too_large",
     "foto ini berukuran {width}×{height} piksel, terlalu besar untuk diolah dengan aman (batasnya {limit} megapiksel); perkecil dulu",
     "this photo is {width}×{height} pixels, too large to process safely (the limit is {limit} megapixels); resize it first"),
    ("photo_memory",
     "foto ini memerlukan terlalu banyak memori untuk dibuka: {error}",
     "this photo needs too much memory to decode: {error}"),
    ("photo_truncated",
     "foto ini rusak atau terpotong dan tidak bisa dibuka: {error}",
     "this photo is damaged or truncated and cannot be decoded: {error}"),
    ("photo_resize", "ukuran foto ini tidak bisa diubah: {error}", "cannot resize this photo: {error}"),
    ("photo_crop", "foto ini tidak bisa dipotong: {error}", "cannot crop this photo: {error}"),
    ("photo_encode", "foto ini tidak bisa disimpan ulang: {error}", "cannot encode this photo: {error}"),
    ("photo_rendition_size", "galat di dalam rapor: ukuran hasil foto salah", "internal error: rendition size"),
    ("photo_too_wide", "foto terlalu lebar", "photo too wide"),
    ("photo_too_tall", "foto terlalu tinggi", "photo too tall"),
    ("photo_cache_update", "cache foto tidak bisa diperbarui: {error}", "could not update the photo cache: {error}"),
    ("photo_cache_write", "cache foto tidak bisa ditulis: {error}", "cannot write to the photo cache: {error}"),

    // files and folders
    ("io_create", "`{path}` tidak bisa dibuat: {error}", "cannot create `{path}`: {error}"),
    ("io_remove", "`{path}` tidak bisa dihapus: {error}", "cannot remove `{path}`: {error}"),
    ("io_read", "`{path}` tidak bisa dibaca: {error}", "cannot read `{path}`: {error}"),
    ("io_write", "`{path}` tidak bisa ditulis: {error}", "cannot write `{path}`: {error}"),
    ("io_copy", "`{from}` tidak bisa disalin ke `{to}`: {error}", "cannot copy `{from}` to `{to}`: {error}"),
    ("output_busy",
     "rapor lain sedang menulis `{output}` saat ini; tunggu sampai selesai, lalu bangun ulang",
     "another rapor build is writing `{output}` right now; wait until it has finished, then build again"),
    ("output_lock", "`{path}` tidak bisa dikunci: {error}", "cannot lock `{path}`: {error}"),
    ("output_swap_failed",
     "`{path}` tidak bisa diganti dengan situs baru: {error}. Tidak ada yang berubah: output sebelumnya (public dan internal) masih utuh seperti semula. Jika folder ini atau berkas di dalamnya sedang terbuka di program lain (misalnya Windows Explorer, peramban atau penyunting teks), tutup dulu, lalu bangun ulang",
     "cannot replace `{path}` with the new site: {error}. Nothing was changed: the previous output (public and internal) is complete, as it was. If this folder or a file in it is open in another program (for example Windows Explorer, a browser or a text editor), close it, then build again"),
    ("output_swap_stuck",
     "`{path}` tidak bisa diganti dengan situs baru: {error}; output sebelumnya juga belum bisa dikembalikan: {undo}. Tutup setiap program yang membuka folder di dalam `{output}`, lalu jalankan `rapor build` lagi: rapor lebih dulu mengembalikan output sebelumnya",
     "cannot replace `{path}` with the new site: {error}; and the previous output could not be put back yet: {undo}. Close every program that has a folder in `{output}` open, then run `rapor build` again: it first puts the previous output back"),
    ("output_recover_failed",
     "build sebelumnya terhenti saat mengganti situs di `{output}`, dan output sebelumnya belum bisa dikembalikan: {error}. Tutup setiap program yang membuka folder di dalam `{output}`, lalu bangun ulang",
     "an earlier build stopped while replacing the sites in `{output}`, and the previous output could not be put back yet: {error}. Close every program that has a folder in `{output}` open, then build again"),
    ("output_journal_bad",
     "`{path}` (catatan rapor tentang build yang terhenti) rusak atau bukan buatan rapor; periksa bahwa output/public dan output/internal lengkap, hapus `{path}`, lalu bangun ulang",
     "`{path}` (rapor's record of an interrupted build) is damaged or was not written by rapor; check that output/public and output/internal are complete, delete `{path}`, then build again"),
    ("output_outside",
     "rapor menolak menulis di luar folder output: `{path}`",
     "refusing to write outside the output folder: `{path}`"),

    // themes and rendering
    ("theme_missing",
     "`theme: {name}` menyebut folder `themes/{name}` yang tidak ada",
     "`theme: {name}` names a folder `themes/{name}` that does not exist"),
    ("theme_unreadable", "berkas tema ini tidak bisa dibaca: {error}", "cannot read this theme file: {error}"),
    ("theme_not_utf8", "templat ini bukan teks UTF-8", "this template is not UTF-8 text"),
    ("render_while", "saat membuat `{page}`: {error}", "while rendering `{page}`: {error}"),

    // the internal site's protection
    ("protect_how",
     "tetapkan frasa sandi minimal {min} karakter yang hanya diketahui petugas, lalu bangun ulang:\n  \
      bash:               export {var}='frasa sandi panjang yang hanya diketahui petugas'\n  \
      Windows PowerShell: $env:{var} = 'frasa sandi panjang yang hanya diketahui petugas'\n  \
      (atau tulis `internal: { protect: false }` di content/site.yaml untuk menulis situs internal tanpa enkripsi, hanya untuk intranet atau komputer ini)",
     "set a passphrase of at least {min} characters that only staff know, then build again:\n  \
      bash:               export {var}='a long passphrase only staff know'\n  \
      Windows PowerShell: $env:{var} = 'a long passphrase only staff know'\n  \
      (or set `internal: { protect: false }` in content/site.yaml to write the internal site unencrypted, for an intranet or this computer only)"),
    ("protect_plain",
     "`internal.protect` bernilai false: output/internal ditulis sebagai berkas biasa, yang isinya (nama, nomor registrasi dan nilai peserta) bisa dibaca siapa pun yang mendapatkannya; simpan hanya di komputer ini atau jaringan khusus petugas, jangan pernah di server publik",
     "`internal.protect` is false: output/internal is written as plain files, in which anyone who gets them can read participants' names, registration numbers and scores; keep it on this computer or a staff-only network, never on a public host"),
    ("protect_no_passphrase_build",
     "`internal.protect` bernilai true tetapi {var} belum diisi, jadi output/internal tidak ditulis (salinan lamanya sudah dihapus); untuk membangunnya, {how}",
     "`internal.protect` is true but {var} is not set, so output/internal was not written (an earlier copy was removed); to build it, {how}"),
    ("protect_no_passphrase_check",
     "`internal.protect` bernilai true tetapi {var} belum diisi, jadi `rapor build` tidak akan menulis output/internal; untuk membangunnya, {how}",
     "`internal.protect` is true but {var} is not set, so `rapor build` will not write output/internal; to build it, {how}"),
    ("protect_too_short",
     "frasa sandinya hanya {n} karakter; perlu setidaknya {min} (beberapa kata lebih mudah diingat daripada simbol dan lebih sulit ditebak); tidak ada yang ditulis. Untuk menggantinya, {how}",
     "the passphrase has {n} characters; it needs at least {min} (a few words are easier to remember than symbols and harder to guess); nothing was written. To change it, {how}"),
    ("protect_random",
     "tidak bisa mendapatkan bilangan acak untuk garam (salt): {error}",
     "cannot get random bytes for a salt: {error}"),
    ("protect_no_locked", "tema tidak punya `locked.html`", "the theme has no `locked.html`"),
    ("protect_no_js", "tema tidak punya `static/protect.js`", "the theme has no `static/protect.js`"),
    ("protect_locked_render", "themes: `locked.html` untuk `{path}`: {error}", "themes: `locked.html` for `{path}`: {error}"),

    // watching for changes (rapor serve)
    ("watch_cannot", "`{path}` tidak bisa dipantau: {error}", "cannot watch `{path}`: {error}"),
    ("change_photo", "foto {path}", "photo {path}"),
    ("change_theme", "tema {path}", "theme {path}"),
    ("change_nothing", "tidak ada", "nothing"),
];
