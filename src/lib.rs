//! defspend: NATO allies' defence spending, and what burden-sharing targets
//! mean in money.
//!
//! Data flows one way: [`data`] reads the datasets (embedded or from a
//! directory), [`calc`] computes shares, gaps and aggregates on polars frames
//! and hands back typed results, [`view`] turns them into reports that
//! [`export`] renders in any format, [`chart`] draws them from a
//! [`results`] set computed once per run; [`cmd`] wires them for each
//! subcommand, after [`context`] has resolved the arguments.

pub mod api;
pub mod calc;
pub mod chart;
pub mod cli;
pub mod cmd;
pub mod context;
pub mod data;
pub mod error;
pub mod export;
pub mod findings;
pub mod forecast;
pub mod param;
pub mod results;
pub mod scenario;
pub mod units;
pub mod view;
pub mod web;

pub use error::{Error, Result};
