// Keeps mpenc_gui_testsupport non-empty when tests/gui/support/ has no sources yet.
