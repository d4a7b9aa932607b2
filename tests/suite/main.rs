//! The integration tests, one binary: every test file is a module here, so
//! the calculator and its dependencies are linked once (`cargo test --test
//! suite golden::` runs one file's tests).

mod common;

mod aggregates;
mod backtest;
mod bad_input;
mod browser;
mod calibrate;
mod chart;
mod commands;
mod compare_burden;
mod corpus;
mod currency;
mod decompose;
mod definitions;
mod dispersion;
mod edition_2024;
mod edition_2026;
mod eurostat_json;
mod examples;
mod fiscal;
mod found_bugs;
mod golden;
mod groups;
mod html;
mod import;
mod map;
mod outlook;
mod outlook_odds;
mod per_capita;
mod personnel;
mod plans;
mod ppp;
mod properties;
mod reads;
mod real_change;
mod scenario;
mod serve;
mod serve_browser;
mod shell;
mod shortfall;
mod sipri;
mod sipri_2026_layout;
mod terminal;
mod update;
mod validate;
mod writes;
mod xlsx;
