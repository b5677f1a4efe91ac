//! Statistics without content access, k-anonymous, from append-only counters.
//!
//! Every figure the console, the CSV file and the public page show comes from `stat_counters`,
//! whose rows are only ever added to, in the transaction of the event they count (see
//! `store/sql/statistics.rs`). Only closed weeks and months are shown, and a closed period's
//! figures depend only on counters of that period and earlier ones, none of which can change
//! any more: what was shown once is shown the same way after (frozen by construction, as long
//! as `--statistics-k` stays the same).
//!
//! Within a period, an event's figure per partner group is shown when it is zero or at least
//! k; between one and k-1 it is not shown, and then the event's total is not shown either (it
//! would give the hidden figure away), nor the total over the weeks of a column holding a total
//! not shown. Partners whose slips made fewer than k wallets up to that week are counted together
//! as "others".

use std::collections::{BTreeMap, BTreeSet, HashMap};

use pde_api::admin::{
    EventFigures, EventTotal, Figure, PartnerFigure, PartnerGroup, PeriodFigures, StatEvent,
    Statistics,
};

use crate::clock::{iso_week_start, month_start, next_month_start};
use crate::store::statistics::{event, CounterRow};

const WEEK_SECONDS: i64 = 7 * 86_400;

/// The counter behind each event of a week.
fn weekly_counter(event: StatEvent) -> &'static str {
    match event {
        StatEvent::Created => event::CREATED,
        StatEvent::Active => event::ACTIVE_WEEK,
        StatEvent::Erased => event::ERASED,
        StatEvent::LinksMade => event::LINK_MADE,
        StatEvent::LinksOpened => event::LINK_OPENED,
        StatEvent::Deposits => event::DEPOSIT,
    }
}

/// A figure as shown: zero and counts of at least `k` as they are, others not.
pub(crate) fn protect(count: u64, k: u64) -> Figure {
    if count == 0 || count >= k {
        Figure::Count(count)
    } else {
        Figure::BelowK
    }
}

/// The total of figures: shown only when each of them is.
fn total_of(figures: impl IntoIterator<Item = Figure>) -> Figure {
    let mut sum = 0u64;
    for figure in figures {
        match figure {
            Figure::Count(n) => sum += n,
            Figure::BelowK | Figure::Withheld => return Figure::Withheld,
        }
    }
    Figure::Count(sum)
}

/// `YYYY-MM-DD` of a period's start.
fn day(unix_seconds: i64) -> String {
    crate::clock::iso_date(unix_seconds)
}

/// What the views need to know besides the counters.
pub(crate) struct Context<'a> {
    /// Partner ids to their names.
    pub partners: &'a HashMap<String, String>,
    /// The smallest figure shown besides zero.
    pub k: u64,
    /// Now (only periods ended by then are shown).
    pub now: i64,
    /// Whether wallets keep their partner.
    pub partner_kept: bool,
}

/// The counters, indexed by event and period.
struct Counters {
    /// (event, period start) → (partner id, count) of each partner counted.
    counts: HashMap<(String, i64), Vec<(String, u64)>>,
}

impl Counters {
    fn new(rows: &[CounterRow]) -> Self {
        let mut counts: HashMap<(String, i64), Vec<(String, u64)>> = HashMap::new();
        for row in rows {
            let count = u64::try_from(row.count).unwrap_or(0);
            counts
                .entry((row.event.clone(), row.period_start))
                .or_default()
                .push((row.partner_id.clone(), count));
        }
        Self { counts }
    }

    /// The periods of `counter` (starts, ascending).
    fn periods(&self, counter: &str) -> BTreeSet<i64> {
        self.counts
            .keys()
            .filter(|(event, _)| event == counter)
            .map(|(_, start)| *start)
            .collect()
    }

    /// Counts of `counter` in the period starting at `start`, per partner id.
    fn in_period(&self, counter: &str, start: i64) -> &[(String, u64)] {
        self.counts
            .get(&(counter.to_owned(), start))
            .map_or(&[], Vec::as_slice)
    }

    /// Sum of `counter` over the periods that start before `end` (every partner).
    fn sum_before(&self, counter: &str, end: i64) -> u64 {
        self.counts
            .iter()
            .filter(|((event, period), _)| event == counter && *period < end)
            .flat_map(|(_, counts)| counts.iter().map(|(_, count)| *count))
            .sum()
    }

    /// Wallets each partner's slips made in the periods that start before `end`.
    fn created_before(&self, end: i64) -> HashMap<&str, u64> {
        let mut made = HashMap::new();
        for ((event, period), counts) in &self.counts {
            if event == event::CREATED && *period < end {
                for (partner, count) in counts {
                    *made.entry(partner.as_str()).or_insert(0) += *count;
                }
            }
        }
        made
    }
}

/// One event of one period, per partner group and in total.
fn event_figures(
    event: StatEvent,
    counts: &[(String, u64)],
    made_so_far: &HashMap<&str, u64>,
    context: &Context<'_>,
) -> EventFigures {
    let mut groups: BTreeMap<GroupKey, u64> = BTreeMap::new();
    for (partner, count) in counts {
        let key = if partner.is_empty() {
            GroupKey::NoSlip
        } else {
            match context.partners.get(partner) {
                Some(label)
                    if made_so_far.get(partner.as_str()).copied().unwrap_or(0) >= context.k =>
                {
                    GroupKey::Partner(label.clone())
                }
                _ => GroupKey::Others,
            }
        };
        *groups.entry(key).or_insert(0) += count;
    }
    let by_partner: Vec<PartnerFigure> = groups
        .into_iter()
        .filter(|(_, count)| *count > 0)
        .map(|(key, count)| PartnerFigure {
            group: key.into(),
            figure: protect(count, context.k),
        })
        .collect();
    EventFigures {
        event,
        total: total_of(by_partner.iter().map(|p| p.figure)),
        by_partner,
    }
}

/// A partner group, ordered: partners by name, then no slip, then others.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
enum GroupKey {
    Partner(String),
    NoSlip,
    Others,
}

impl From<GroupKey> for PartnerGroup {
    fn from(key: GroupKey) -> Self {
        match key {
            GroupKey::Partner(label) => Self::Partner(label),
            GroupKey::NoSlip => Self::NoSlip,
            GroupKey::Others => Self::Others,
        }
    }
}

/// Rounded to the nearest multiple of `unit`.
fn rounded(value: u64, unit: u64) -> u64 {
    (value + unit / 2) / unit * unit
}

/// The figures as of `now`, read from `store`'s counters and its partner list (the console's
/// page, its CSV file, and the bench).
pub async fn figures(
    store: &dyn crate::store::Store,
    k: u32,
    now: i64,
    partner_kept: bool,
) -> crate::store::StoreResult<Statistics> {
    let partners: HashMap<String, String> = store
        .partners()
        .await?
        .into_iter()
        .map(|partner| (partner.id, partner.label))
        .collect();
    let counters = store.counters().await?;
    Ok(statistics(
        &counters,
        &Context {
            partners: &partners,
            k: u64::from(k),
            now,
            partner_kept,
        },
    ))
}

/// Every view's figures, from the counters alone.
pub(crate) fn statistics(rows: &[CounterRow], context: &Context<'_>) -> Statistics {
    let counters = Counters::new(rows);
    let last_closed_week = iso_week_start(context.now) - WEEK_SECONDS;

    // Every closed week from the first one anything was counted in, gaps included.
    let first_week = StatEvent::WEEKLY
        .iter()
        .filter_map(|event| counters.periods(weekly_counter(*event)).first().copied())
        .min();
    let mut weeks = Vec::new();
    if let Some(first) = first_week {
        let mut start = first;
        // Wallets each partner made up to the week shown, kept up week by week.
        let mut made_so_far = counters.created_before(first);
        while start <= last_closed_week {
            for (partner, count) in counters.in_period(event::CREATED, start) {
                *made_so_far.entry(partner.as_str()).or_insert(0) += *count;
            }
            weeks.push(PeriodFigures {
                starts: day(start),
                events: StatEvent::WEEKLY
                    .iter()
                    .map(|event| {
                        let counts = counters.in_period(weekly_counter(*event), start);
                        event_figures(*event, counts, &made_so_far, context)
                    })
                    .collect(),
            });
            start += WEEK_SECONDS;
        }
    }

    let this_month = month_start(context.now);
    let mut months = Vec::new();
    if let Some(first) = counters.periods(event::ACTIVE_MONTH).first().copied() {
        let mut start = first;
        while start < this_month {
            // Partners are told apart by the wallets made in the weeks over by the month's end:
            // the week across its last day would change a published month when it closes.
            let made_so_far = counters.created_before(iso_week_start(next_month_start(start)));
            let counts = counters.in_period(event::ACTIVE_MONTH, start);
            months.push(PeriodFigures {
                starts: day(start),
                events: vec![event_figures(
                    StatEvent::Active,
                    counts,
                    &made_so_far,
                    context,
                )],
            });
            start = next_month_start(start);
        }
    }

    let totals = StatEvent::WEEKLY
        .iter()
        .filter(|event| **event != StatEvent::Active)
        .map(|event| EventTotal {
            event: *event,
            total: total_of(weeks.iter().flat_map(|week| {
                week.events
                    .iter()
                    .filter(|figures| figures.event == *event)
                    .map(|figures| figures.total)
            })),
        })
        .collect();

    let end = last_closed_week + WEEK_SECONDS;
    let stored = |added: &str, removed: &str| {
        counters
            .sum_before(added, end)
            .saturating_sub(counters.sum_before(removed, end))
    };
    let documents = stored(event::DOCUMENTS_ADDED, event::DOCUMENTS_REMOVED);
    let bytes = stored(event::BYTES_ADDED, event::BYTES_REMOVED);

    Statistics {
        k: u32::try_from(context.k).unwrap_or(u32::MAX),
        partner_kept: context.partner_kept,
        weeks,
        months,
        totals,
        documents_stored: Figure::Count(rounded(documents, 5)),
        mib_stored: Figure::Count(rounded(bytes, 1 << 20) >> 20),
    }
}

/// The same figures as a CSV file: one line per period, event and partner group (the total's
/// line has the group `all`); figures not shown are written `<k` or `withheld`.
pub(crate) fn csv(statistics: &Statistics) -> String {
    use pde_api::admin::csv_cell;
    let figure = |figure: Figure| match figure {
        Figure::Count(n) => n.to_string(),
        Figure::BelowK => format!("<{}", statistics.k),
        Figure::Withheld => "withheld".to_owned(),
    };
    let group = |group: &PartnerGroup| match group {
        PartnerGroup::Partner(label) => label.clone(),
        PartnerGroup::NoSlip => "no slip".to_owned(),
        PartnerGroup::Others => "others".to_owned(),
    };
    let mut out = String::from("\"period\",\"starts\",\"event\",\"partner\",\"figure\"\r\n");
    let mut line = |cells: [&str; 5]| {
        let cells: Vec<String> = cells.iter().map(|cell| csv_cell(cell)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    };
    for (period, list) in [("week", &statistics.weeks), ("month", &statistics.months)] {
        for row in list {
            for event in &row.events {
                line([
                    period,
                    &row.starts,
                    event.event.as_str(),
                    "all",
                    &figure(event.total),
                ]);
                for partner in &event.by_partner {
                    line([
                        period,
                        &row.starts,
                        event.event.as_str(),
                        &group(&partner.group),
                        &figure(partner.figure),
                    ]);
                }
            }
        }
    }
    for total in &statistics.totals {
        line([
            "all weeks",
            "",
            total.event.as_str(),
            "all",
            &figure(total.total),
        ]);
    }
    for (name, value) in [
        ("documents_stored", statistics.documents_stored),
        ("mib_stored", statistics.mib_stored),
    ] {
        line(["last week", "", name, "all", &figure(value)]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Monday 2026-11-30 00:00 UTC.
    const MONDAY: i64 = 1_795_996_800;

    fn row(event: &str, period_start: i64, partner: &str, count: i64) -> CounterRow {
        CounterRow {
            event: event.into(),
            period_start,
            partner_id: partner.into(),
            count,
        }
    }

    fn partners() -> HashMap<String, String> {
        HashMap::from([
            ("p1".to_owned(), "Centre Nord".to_owned()),
            ("p2".to_owned(), "=Centre Sud".to_owned()),
        ])
    }

    fn week<'a>(stats: &'a Statistics, starts: &str) -> &'a PeriodFigures {
        stats
            .weeks
            .iter()
            .find(|week| week.starts == starts)
            .expect("week")
    }

    fn event(period: &PeriodFigures, event: StatEvent) -> &EventFigures {
        period
            .events
            .iter()
            .find(|figures| figures.event == event)
            .expect("event")
    }

    #[test]
    fn figures_below_k_and_the_totals_that_would_reveal_them_are_not_shown() {
        let rows = [
            row(event::CREATED, MONDAY, "p1", 7),
            row(event::CREATED, MONDAY, "p2", 2),
            row(event::CREATED, MONDAY + WEEK_SECONDS, "p1", 6),
            row(event::CREATED, MONDAY + WEEK_SECONDS, "", 5),
            row(event::ACTIVE_WEEK, MONDAY, "", 3),
            // The current week: not shown.
            row(event::CREATED, MONDAY + 2 * WEEK_SECONDS, "p1", 1),
        ];
        let partners = partners();
        let context = Context {
            partners: &partners,
            k: 5,
            now: MONDAY + 2 * WEEK_SECONDS + 3600,
            partner_kept: false,
        };
        let stats = statistics(&rows, &context);
        assert_eq!(stats.weeks.len(), 2, "closed weeks only");

        let first = event(week(&stats, "2026-11-30"), StatEvent::Created);
        // p2 made 2 wallets so far: it is among the others, below k, so the total is withheld.
        assert_eq!(
            first.by_partner,
            [
                PartnerFigure {
                    group: PartnerGroup::Partner("Centre Nord".into()),
                    figure: Figure::Count(7)
                },
                PartnerFigure {
                    group: PartnerGroup::Others,
                    figure: Figure::BelowK
                },
            ]
        );
        assert_eq!(first.total, Figure::Withheld);
        assert_eq!(
            event(week(&stats, "2026-11-30"), StatEvent::Active).total,
            Figure::Withheld,
            "a single group below k: its total would be it"
        );
        let second = event(week(&stats, "2026-12-07"), StatEvent::Created);
        assert_eq!(second.total, Figure::Count(11));
        // The column's total would reveal the first week's hidden figure.
        let created_total = stats
            .totals
            .iter()
            .find(|total| total.event == StatEvent::Created)
            .expect("total");
        assert_eq!(created_total.total, Figure::Withheld);
        assert!(
            stats.totals.iter().all(|t| t.event != StatEvent::Active),
            "active wallets are not added up over weeks"
        );

        // What a closed week shows does not change when later weeks are counted.
        let mut later = rows.to_vec();
        later.push(row(event::CREATED, MONDAY + 2 * WEEK_SECONDS, "p2", 9));
        let later_context = Context {
            now: MONDAY + 5 * WEEK_SECONDS,
            ..context
        };
        let later_stats = statistics(&later, &later_context);
        assert_eq!(later_stats.weeks[..2], stats.weeks[..]);
        // Once p2 made k wallets, it has a column of its own (from that week on).
        assert!(event(week(&later_stats, "2026-12-14"), StatEvent::Created)
            .by_partner
            .iter()
            .any(|p| p.group == PartnerGroup::Partner("=Centre Sud".into())));
    }

    #[test]
    fn documents_are_a_total_at_the_end_of_the_last_closed_week() {
        let rows = [
            row(event::DOCUMENTS_ADDED, MONDAY, "", 23),
            row(event::BYTES_ADDED, MONDAY, "", 5 << 20),
            row(event::DOCUMENTS_REMOVED, MONDAY, "", 2),
            row(event::BYTES_REMOVED, MONDAY, "", 1 << 20),
            row(event::DOCUMENTS_ADDED, MONDAY + WEEK_SECONDS, "", 100),
        ];
        let partners = partners();
        let stats = statistics(
            &rows,
            &Context {
                partners: &partners,
                k: 5,
                now: MONDAY + WEEK_SECONDS + 60,
                partner_kept: false,
            },
        );
        assert_eq!(stats.documents_stored, Figure::Count(20));
        assert_eq!(stats.mib_stored, Figure::Count(4));
    }

    #[test]
    fn months_are_shown_once_they_have_ended() {
        // 2026-11-01 and 2026-12-01.
        let rows = [
            row(event::ACTIVE_MONTH, 1_793_491_200, "", 8),
            row(event::ACTIVE_MONTH, 1_796_083_200, "", 9),
        ];
        let partners = partners();
        let stats = statistics(
            &rows,
            &Context {
                partners: &partners,
                k: 5,
                now: 1_796_306_709,
                partner_kept: false,
            },
        );
        assert_eq!(stats.months.len(), 1);
        assert_eq!(stats.months[0].starts, "2026-11-01");
        assert_eq!(stats.months[0].events[0].total, Figure::Count(8));
    }

    #[test]
    fn a_closed_month_stays_as_published_when_the_week_across_its_end_closes() {
        // November 2026 ends inside the week of Monday 2026-11-30. On 2 December that week is
        // still open (p1 made 4 wallets so far); on 10 December it is over (5).
        let november = 1_793_491_200;
        let on = |made: i64, now: i64| {
            let rows = [
                row(event::ACTIVE_MONTH, november, "p1", 6),
                row(event::CREATED, MONDAY, "p1", made),
            ];
            let partners = partners();
            statistics(
                &rows,
                &Context {
                    partners: &partners,
                    k: 5,
                    now,
                    partner_kept: true,
                },
            )
            .months
        };
        let published = on(4, MONDAY + 2 * 86_400);
        assert_eq!(published.len(), 1);
        assert_eq!(on(5, MONDAY + 10 * 86_400)[0], published[0]);
    }

    #[test]
    fn the_csv_file_holds_every_figure_and_no_formula() {
        let rows = [
            row(event::CREATED, MONDAY, "p2", 6),
            row(event::CREATED, MONDAY, "p1", 1),
        ];
        let partners = partners();
        let stats = statistics(
            &rows,
            &Context {
                partners: &partners,
                k: 5,
                now: MONDAY + WEEK_SECONDS,
                partner_kept: false,
            },
        );
        let file = csv(&stats);
        assert!(file.contains("\"week\",\"2026-11-30\",\"created\",\"'=Centre Sud\",\"6\"\r\n"));
        assert!(file.contains("\"week\",\"2026-11-30\",\"created\",\"others\",\"<5\"\r\n"));
        assert!(file.contains("\"week\",\"2026-11-30\",\"created\",\"all\",\"withheld\"\r\n"));
        for line in file.lines() {
            for cell in line.split(',') {
                let value = cell.trim_matches('"');
                assert!(!value.starts_with(['=', '+', '-', '@']), "{line}");
            }
        }
    }
}
