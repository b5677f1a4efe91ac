//! The statistics: closed weeks and months from the server's append-only counters, k-anonymous
//! (the server decides what is shown; this screen only lays it out), a chart, and the same
//! figures as a CSV file.

use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos::task::spawn_local;
use pde_api::admin::{self as api, Figure, PartnerGroup, PeriodFigures, StatEvent, Statistics};
use pde_api::endpoints::NoBody;

use super::Ui;
use crate::chart::{line_chart, Series, FIRST, SECOND};
use crate::transport::call;

/// The message key of an event's column.
fn event_key(event: StatEvent) -> String {
    format!("stat-{}", event.as_str().replace('_', "-"))
}

/// A figure as the table shows it.
pub(super) fn shown(ui: Ui, k: u32, figure: Figure) -> String {
    match figure {
        Figure::Count(n) => n.to_string(),
        Figure::BelowK => ui.t_with("stat-below-k", &[("k", &k.to_string())]),
        Figure::Withheld => ui.t("stat-withheld"),
    }
}

fn group_name(ui: Ui, group: &PartnerGroup) -> String {
    match group {
        PartnerGroup::Partner(label) => label.clone(),
        PartnerGroup::NoSlip => ui.t("stat-no-slip"),
        PartnerGroup::Others => ui.t("stat-others"),
    }
}

/// The total of `event` in a period.
fn total(period: &PeriodFigures, event: StatEvent) -> Figure {
    period
        .events
        .iter()
        .find(|figures| figures.event == event)
        .map_or(Figure::Count(0), |figures| figures.total)
}

fn count(figure: Figure) -> Option<u64> {
    match figure {
        Figure::Count(n) => Some(n),
        Figure::BelowK | Figure::Withheld => None,
    }
}

#[component]
pub(super) fn StatisticsSection(ui: Ui) -> impl IntoView {
    let figures = RwSignal::new(None::<Statistics>);
    spawn_local(async move {
        match call(api::STATISTICS, &[], &NoBody).await {
            Ok(answer) => figures.set(Some(answer)),
            Err(failure) => ui.fail(failure),
        }
    });
    let csv_address = api::url(api::STATISTICS_CSV.path);
    let k = move || figures.get().map_or(0, |f| f.k);
    let chart = move || {
        let stats = figures.get()?;
        if stats.weeks.is_empty() {
            return None;
        }
        let periods: Vec<String> = stats
            .weeks
            .iter()
            .map(|week| week.starts.get(5..).unwrap_or_default().to_owned())
            .collect();
        let made = ui.t("stat-created");
        let active = ui.t("stat-active");
        Some(line_chart(
            &periods,
            &[
                Series {
                    label: &made,
                    values: stats
                        .weeks
                        .iter()
                        .map(|w| count(total(w, StatEvent::Created)))
                        .collect(),
                    colour: FIRST,
                },
                Series {
                    label: &active,
                    values: stats
                        .weeks
                        .iter()
                        .map(|w| count(total(w, StatEvent::Active)))
                        .collect(),
                    colour: SECOND,
                },
            ],
        ))
    };
    view! {
        <section aria-labelledby="statistics-heading" id="statistics">
            <h2 id="statistics-heading">{move || ui.t("statistics-heading")}</h2>
            <p>{move || ui.t_with("statistics-explain", &[("k", &k().to_string())])}</p>
            <p>
                <a id="statistics-csv" class="button" href=csv_address download="pde-statistics.csv">
                    {move || ui.t("statistics-csv")}
                </a>
            </p>
            <Show
                when=move || figures.get().is_some_and(|f| !f.weeks.is_empty())
                fallback=move || view! { <p id="statistics-none">{move || ui.t("statistics-none")}</p> }
            >
                <figure id="weekly-chart">
                    <div class="chart" role="img" aria-label=move || ui.t("statistics-chart")
                        inner_html=move || chart().unwrap_or_default()></div>
                    <figcaption>
                        {move || ui.t("statistics-chart")}
                        <span class="legend"><span class="mark first"></span>{move || ui.t("stat-created")}</span>
                        <span class="legend"><span class="mark second"></span>{move || ui.t("stat-active")}</span>
                    </figcaption>
                </figure>
                // Scrolls sideways on a phone: reachable with the keyboard.
                <div class="table-scroll" tabindex="0" role="region" aria-label=move || ui.t("statistics-weekly")>
                    <table id="weekly-statistics" class="figures">
                        <caption>{move || ui.t("statistics-weekly")}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{move || ui.t("statistics-week")}</th>
                                {StatEvent::WEEKLY
                                    .iter()
                                    .map(|event| {
                                        let key = event_key(*event);
                                        view! { <th scope="col">{move || ui.t(&key)}</th> }
                                    })
                                    .collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            {move || {
                                let Some(stats) = figures.get() else { return Vec::new() };
                                stats
                                    .weeks
                                    .iter()
                                    .rev()
                                    .map(|week| {
                                        let cells = StatEvent::WEEKLY
                                            .iter()
                                            .map(|event| {
                                                let figure = total(week, *event);
                                                view! {
                                                    <td data-event=event.as_str()>{shown(ui, stats.k, figure)}</td>
                                                }
                                            })
                                            .collect_view();
                                        view! {
                                            <tr class="week" data-starts=week.starts.clone()>
                                                <th scope="row">{week.starts.clone()}</th>
                                                {cells}
                                            </tr>
                                        }
                                    })
                                    .collect::<Vec<_>>()
                            }}
                        </tbody>
                        <tfoot>
                            <tr id="weekly-totals">
                                <th scope="row">{move || ui.t("statistics-total")}</th>
                                {move || {
                                    let Some(stats) = figures.get() else { return Vec::new() };
                                    StatEvent::WEEKLY
                                        .iter()
                                        .map(|event| {
                                            let text = stats
                                                .totals
                                                .iter()
                                                .find(|t| t.event == *event)
                                                .map(|t| shown(ui, stats.k, t.total))
                                                .unwrap_or_default();
                                            view! { <td data-event=event.as_str()>{text}</td> }
                                        })
                                        .collect::<Vec<_>>()
                                }}
                            </tr>
                        </tfoot>
                    </table>
                </div>
                <div class="table-scroll" tabindex="0" role="region" aria-label=move || ui.t("statistics-partners")>
                    <table id="partner-statistics" class="figures">
                        <caption>{move || ui.t("statistics-partners")}</caption>
                        {move || {
                            let stats = figures.get()?;
                            let groups: BTreeSet<String> = stats
                                .weeks
                                .iter()
                                .flat_map(|week| week.events.iter())
                                .filter(|figures| figures.event == StatEvent::Created)
                                .flat_map(|figures| figures.by_partner.iter())
                                .map(|partner| group_name(ui, &partner.group))
                                .collect();
                            let groups: Vec<String> = groups.into_iter().collect();
                            let head = groups
                                .iter()
                                .map(|name| view! { <th scope="col">{name.clone()}</th> })
                                .collect_view();
                            let rows = stats
                                .weeks
                                .iter()
                                .rev()
                                .map(|week| {
                                    let created = week
                                        .events
                                        .iter()
                                        .find(|figures| figures.event == StatEvent::Created);
                                    let cells = groups
                                        .iter()
                                        .map(|name| {
                                            let figure = created
                                                .and_then(|figures| {
                                                    figures
                                                        .by_partner
                                                        .iter()
                                                        .find(|p| group_name(ui, &p.group) == *name)
                                                })
                                                .map_or(Figure::Count(0), |p| p.figure);
                                            view! { <td>{shown(ui, stats.k, figure)}</td> }
                                        })
                                        .collect_view();
                                    view! {
                                        <tr>
                                            <th scope="row">{week.starts.clone()}</th>
                                            {cells}
                                        </tr>
                                    }
                                })
                                .collect_view();
                            Some(view! {
                                <thead>
                                    <tr>
                                        <th scope="col">{ui.t("statistics-week")}</th>
                                        {head}
                                    </tr>
                                </thead>
                                <tbody>{rows}</tbody>
                            })
                        }}
                    </table>
                </div>
                <table id="monthly-statistics" class="figures">
                    <caption>{move || ui.t("statistics-monthly")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{move || ui.t("statistics-month")}</th>
                            <th scope="col">{move || ui.t("stat-active")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let Some(stats) = figures.get() else { return Vec::new() };
                            stats
                                .months
                                .iter()
                                .rev()
                                .map(|month| {
                                    let text = shown(ui, stats.k, total(month, StatEvent::Active));
                                    view! {
                                        <tr>
                                            <th scope="row">{month.starts.get(..7).unwrap_or_default().to_owned()}</th>
                                            <td>{text}</td>
                                        </tr>
                                    }
                                })
                                .collect::<Vec<_>>()
                        }}
                    </tbody>
                </table>
            </Show>
            <p id="documents-stored">
                {move || {
                    figures.get().map(|stats| {
                        ui.t_with(
                            "statistics-documents",
                            &[
                                ("documents", &shown(ui, stats.k, stats.documents_stored)),
                                ("mib", &shown(ui, stats.k, stats.mib_stored)),
                            ],
                        )
                    })
                }}
            </p>
        </section>
    }
}
