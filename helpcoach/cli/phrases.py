"""`helpcoach phrases`: browse, practise, favourite, add and share the phrases."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from helpcoach.cli.common import ChildOption, Json, Plain, check_choice, start
from helpcoach.cli.lean import LeanGroup

app = typer.Typer(cls=LeanGroup, help="Browse, practise and share the phrases; make them your own.")

MAX_SEARCH = 200  # a few words; a megabyte of query took half a minute to compare with every phrase
StrategyOption = Annotated[str | None, typer.Option("--strategy", help="Only this strategy (see `helpcoach packs show core`).")]


@app.callback(invoke_without_command=True, epilog="Example: helpcoach phrases --search scared --child Sam")
def browse(
    ctx: typer.Context,
    strategy: StrategyOption = None,
    search: Annotated[str | None, typer.Option("--search", help="Words to find (case and accents ignored).")] = None,
    favorites: Annotated[bool, typer.Option("--favorites", help="Only your favourites.")] = False,
    child: ChildOption = None,
    json: Json = False,
    plain: Plain = False,
) -> None:
    """Phrases grouped by strategy, with why each strategy helps; favourites first and marked."""
    if ctx.invoked_subcommand:
        return
    from helpcoach.cli.age_fit import fit_and_tell
    from helpcoach.coach.ages import keep_for_age
    from helpcoach.coach.search import find_phrases
    from helpcoach.store.children import resolve_child
    from helpcoach.store.db import open_log
    from helpcoach.store.favorites import favorite_ids

    session = start(plain)
    check_choice("strategy", strategy, list(session.library.strategies), "--strategy")
    if search is not None and len(search) > MAX_SEARCH:
        from helpcoach.errors import UsageError

        raise UsageError(f"--search is {len(search):,} characters: search with a few words (at most {MAX_SEARCH})")
    conn = open_log()
    try:
        chosen = resolve_child(conn, child, session.config.child)
        favs = favorite_ids(conn)
    finally:
        conn.close()
    groups = find_phrases(
        session.library,
        strategy_id=strategy,
        query=search,
        favorites_only=favorites,
        favorites=favs,
        child=chosen.name if chosen else None,
    )
    if chosen is not None and chosen.age is not None and not strategy:  # the packs written for this child's age
        fit = fit_and_tell(session.library, chosen.age)
        groups = keep_for_age(groups, lambda g: g.strategy.id, session.library, fit)
    if json:
        from helpcoach.ui.console import print_json

        print_json([p.as_dict() for g in groups for p in g.phrases])
        return
    from helpcoach.ui import phrases_view

    if not groups:
        what = " ".join(w for w in [f"matching '{search}'" if search else "", "among your favourites" if favorites else ""] if w)
        phrases_view.show_empty(what or "yet")
        return
    phrases_view.show_groups(groups)


@app.command("practice", epilog="Example: helpcoach phrases practice --count 3 --mode choose")
def practice(
    count: Annotated[int, typer.Option("--count", min=1, max=50, help="How many cards.")] = 5,
    strategy: StrategyOption = None,
    mode: Annotated[str, typer.Option("--mode", help="say: type your words; choose: pick one of four.")] = "say",
    child: ChildOption = None,
    plain: Plain = False,
) -> None:
    """Rehearse scenario cards: answer, see what fits, rate how ready you felt; due cards come back."""
    from helpcoach.cli.age_fit import fit_and_tell
    from helpcoach.coach.practice_deck import choose_cards, next_due
    from helpcoach.coach.practice_flow import PracticeSetup, RatedCard, run_practice
    from helpcoach.seed import random_source
    from helpcoach.store.children import resolve_child
    from helpcoach.store.db import open_log, utc_now
    from helpcoach.store.favorites import favorite_ids
    from helpcoach.store.practice import Review, card_states, days_practised_this_month, save_review
    from helpcoach.ui import console, practice_view, prompts

    session = start(plain)
    library = session.library
    check_choice("strategy", strategy, list(library.strategies), "--strategy")
    check_choice("mode", mode, ["say", "choose"], "--mode")
    prompts.require_terminal("`helpcoach phrases practice` asks you questions: run it in a terminal")
    conn = open_log()
    try:
        kid = resolve_child(conn, child, session.config.child)
        age = fit_and_tell(library, kid.age if kid else None).use
        cards = choose_cards(library, card_states(conn), count, strategy_id=strategy, age=age, now=utc_now())
        if not cards and strategy and age is not None and not choose_cards(library, {}, 1, strategy_id=strategy, age=age):
            console.out().print(
                f"No card for {strategy} is written for age {age}: leave out --strategy for cards that fit.", markup=False
            )
            return
        if not cards:
            due = next_due(card_states(conn))
            when = f" The next card is due {practice_view.due_words(due, utc_now())}." if due else ""
            console.out().print(f"Nothing to practise right now.{when}", markup=False)
            return
        setup = PracticeSetup(
            library, "choose" if mode == "choose" else "say", age, kid.name if kid else None, favorite_ids(conn), random_source()
        )

        def save(rated: RatedCard) -> None:
            review = Review(rated.card.scenario.id, rated.mode, rated.answer, rated.rating, rated.state, kid.id if kid else None)
            save_review(conn, review)

        done = run_practice(setup, cards, save)
        now = utc_now()
        lines = library.celebrations_for("practice")
        celebration = setup.rng.choice(lines).text if lines and done else None
        summary = practice_view.PracticeSummary(
            len(done), next_due(card_states(conn)), days_practised_this_month(conn, now), _personal(celebration, setup.child)
        )
        practice_view.show_summary(summary, now)
    finally:
        conn.close()


def _personal(text: str | None, child: str | None) -> str | None:
    from helpcoach.coach.personalize import personalize

    return personalize(text, child) if text else None


@app.command("fav", epilog="Example: helpcoach phrases fav steps-1")
def fav(phrase_id: Annotated[str, typer.Argument(metavar="ID", help="The phrase's id.")], plain: Plain = False) -> None:
    """Make a phrase a favourite: it comes first here, on the card and in `helpcoach now`."""
    from helpcoach.store.db import open_log
    from helpcoach.store.favorites import add_favorite
    from helpcoach.ui import console

    session = start(plain)
    _check_phrase(phrase_id, set(session.library.phrases))
    conn = open_log()
    try:
        added = add_favorite(conn, phrase_id)
    finally:
        conn.close()
    console.out().print(f"{phrase_id} is {'now' if added else 'already'} a favourite.", markup=False)


@app.command("unfav", epilog="Example: helpcoach phrases unfav steps-1")
def unfav(phrase_id: Annotated[str, typer.Argument(metavar="ID", help="The phrase's id.")], plain: Plain = False) -> None:
    """Stop a phrase being a favourite."""
    from helpcoach.store.db import open_log
    from helpcoach.store.favorites import favorite_ids, remove_favorite
    from helpcoach.ui import console

    session = start(plain)
    conn = open_log()
    try:
        _check_phrase(phrase_id, set(session.library.phrases) | favorite_ids(conn))
        removed = remove_favorite(conn, phrase_id)
    finally:
        conn.close()
    console.out().print(f"{phrase_id} is {'no longer' if removed else 'not'} a favourite.", markup=False)


def _check_phrase(phrase_id: str, known: set[str]) -> None:
    import difflib

    from helpcoach.errors import UsageError

    if phrase_id not in known:
        close = difflib.get_close_matches(phrase_id, sorted(known), n=3, cutoff=0.6)
        hint = f"did you mean {', '.join(close)}? " if close else ""
        raise UsageError(f"unknown phrase id '{phrase_id}': {hint}every id is listed by `helpcoach phrases`")


@app.command("add", epilog='Example: helpcoach phrases add "You can do the next bit, {child}." --strategy smaller-steps')
def add(
    text: Annotated[str, typer.Argument(metavar="TEXT", help="The phrase; {child} becomes the child's name.")],
    strategy: Annotated[str, typer.Option("--strategy", help="The strategy it belongs to.")],
    plain: Plain = False,
) -> None:
    """Add a phrase in your own words to your pack (mine.yaml), checked before it is written."""
    from helpcoach.packs.mine import add_phrase
    from helpcoach.ui import console

    session = start(plain)
    phrase_id, path = add_phrase(text, strategy, session.library, session.config.disable)
    title = session.library.strategies[strategy].title
    console.out().print(f"Added {phrase_id} to {title}.", markup=False)
    console.hint(f"Saved in {path}. See it with: helpcoach phrases --strategy {strategy}")


@app.command("card", epilog="Example: helpcoach phrases card --strategy smaller-steps -o grandma.md")
def card(
    strategies: Annotated[list[str] | None, typer.Option("--strategy", help="A strategy to include; repeat for more.")] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write to FILE: .md for Markdown, .txt for plain text.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
    child: ChildOption = None,
    plain: Plain = False,
) -> None:
    """A one-page sheet of your phrases for a co-parent, grandparent or teacher: the same words from every adult."""
    from helpcoach.errors import UsageError
    from helpcoach.store.checkins import latest_focus
    from helpcoach.store.children import resolve_child
    from helpcoach.store.db import open_log
    from helpcoach.store.favorites import favorite_ids
    from helpcoach.store.files import write_output
    from helpcoach.ui import console
    from helpcoach.ui.card import build_card, default_strategies, to_markdown, to_text

    session = start(plain)
    library = session.library
    for strategy_id in strategies or []:
        check_choice("strategy", strategy_id, list(library.strategies), "--strategy")
    suffix = output.suffix.lower() if output else ".md"
    if suffix not in (".md", ".markdown", ".txt"):
        raise UsageError(f"cannot tell the format of {output}: end the file name in .md (Markdown) or .txt (plain text)")
    conn = open_log()
    try:
        kid = resolve_child(conn, child, session.config.child)
        favs = favorite_ids(conn)
        focus = latest_focus(conn, kid.id if kid else None)
    finally:
        conn.close()
    focus = focus if focus in library.strategies else None
    chosen = list(strategies or []) or default_strategies(library, favs, focus, kid.age if kid else None)
    sheet = build_card(
        library, chosen, favorites=favs, focus=focus, child=kid.name if kid else None, age=kid.age if kid else None
    )
    from helpcoach.safe_text import strip

    document = strip(to_text(sheet) if suffix == ".txt" else to_markdown(sheet))  # the second wall, in files too
    if output is None:
        console.out().print(document, markup=False, highlight=False, soft_wrap=True, end="")
        return
    write_output(output, document, force=force)
    console.out().print(f"Wrote {output}", markup=False)
