pub mod tmux;
pub mod wp;
