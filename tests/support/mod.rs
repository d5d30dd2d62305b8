pub mod wp;
