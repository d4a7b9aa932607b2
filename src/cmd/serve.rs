//! `defspend serve`: the web application on a local address.

use crate::cli::ServeArgs;
use crate::data::Catalog;
use crate::error::{Error, Result};
use crate::param::Param;

pub fn run(catalog: &Catalog, args: &ServeArgs) -> Result<()> {
    let address: std::net::SocketAddr = args.bind.parse().map_err(|_| {
        Error::usage(
            Param::Bind,
            format!(
                "'{}' is not an address and port (e.g. 127.0.0.1:8080)",
                args.bind
            ),
        )
    })?;
    let listener = std::net::TcpListener::bind(address)
        .map_err(|e| Error::usage(Param::Bind, format!("cannot listen on {address}: {e}")))?;
    let local = listener
        .local_addr()
        .map_err(|e| Error::usage(Param::Bind, e.to_string()))?;
    if !local.ip().is_loopback() {
        eprintln!(
            "defspend: serving on {local}, an address other machines may reach: anyone who can reach it can use the calculator (--bind 127.0.0.1:PORT keeps it to this machine)"
        );
    }
    crate::export::say(&format!(
        "defspend serves http://{local}/ (Ctrl-C stops it)"
    ))?;
    // The server owns its catalog: the same data, read again.
    let own = Catalog::load(catalog.source.clone())?;
    crate::web::serve(own, listener)
}
