fn main() {
    // Only reads the URL: an EHR launch or a sign-in redirect opens the launch page.
    web::smart::route_launch_params();
    yew::Renderer::<web::App>::new().render();
}
