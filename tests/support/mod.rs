pub mod identity;
pub mod tmux;
pub mod wp;
