//! Forecasting: the odds of reaching a target (the Monte Carlo outlook and
//! its inputs), the backtests that score it against simple baselines, the
//! model's calibration, the plans against a scenario's path, the fiscal cost
//! of a path, and the panel of shares they are estimated on. Scenario files
//! themselves are `scenario`'s.

pub mod against;
pub mod backtest;
pub mod calibrate;
pub mod fiscal;
pub mod odds;
pub mod panel;
