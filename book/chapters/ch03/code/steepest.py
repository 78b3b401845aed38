def slope(u, h=1e-6):
    """D_u f(x) by a central difference: no gradient formula involved."""
    return (f(x + h * u) - f(x - h * u)) / (2 * h)


angles = np.radians(np.arange(0.0, 360.0, 0.1))  # 3600 directions, 0.1 degrees apart
slopes = np.array([slope(np.array([np.cos(phi), np.sin(phi)])) for phi in angles])
g = f.gradient(x)
steepest = np.degrees(angles[slopes.argmin()])
opposite = np.degrees(np.arctan2(-g[1], -g[0]))  # the angle of -grad f(x)
norm = np.linalg.norm(g)
print(f"steepest of 3600 directions: phi = {steepest:.2f} deg, D_u f(x) = {slopes.min():.4f}")
print(f"direction of -grad f(x):     phi = {opposite:.2f} deg, -||grad f(x)|| = {-norm:.4f}")
