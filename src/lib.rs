//! defspend: NATO allies' defence spending, and what burden-sharing targets
//! mean in money.
//!
//! Data flows one way: [`data`] reads the datasets (embedded or from a
//! directory), [`calc`] computes shares, gaps and aggregates on polars frames,
//! [`export`] renders reports; [`cmd`] wires them for each subcommand.

pub mod calc;
pub mod chart;
pub mod cli;
pub mod cmd;
pub mod data;
pub mod error;
pub mod export;
pub mod frame;
pub mod scenario;

pub use error::{Error, Result};
