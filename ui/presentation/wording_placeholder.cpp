// Placeholder until session_presenter.cpp exists (delete then).
