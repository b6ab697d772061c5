// Placeholder until app/demo/ has sources (delete when adding the first one).
