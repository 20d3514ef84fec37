"""The step-by-step conversations: each asks (ui.prompts), decides (coach) and saves once (store)."""
